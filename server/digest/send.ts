/**
 * Posts the weekly digest: Slack through its incoming webhook, Discord through its webhook with
 * @discordjs/rest (the REST layer discord.js's WebhookClient uses, with `makeRequest: fetch`).
 * Once per week and channel: a delivery is recorded, and a second run finds it and sends nothing.
 * A 429 is waited out (Retry-After); a failure is reported, recorded nowhere, and tried again later.
 */
import { DiscordAPIError, REST, type RESTOptions } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import type { Kysely } from 'kysely';
import { findDelivery, recordDelivery } from '../../db/queries/digest.js';
import type { Database } from '../../db/schema.js';
import { renderDiscord } from './discord.js';
import type { DigestModel } from './model.js';
import { renderSlack } from './slack.js';

export type Channel = 'slack' | 'discord';

export interface DeliveryResult {
  channel: Channel;
  outcome: 'sent' | 'already_sent' | 'failed';
  message: string;
}

export interface DeliveryOptions {
  db: Kysely<Database>;
  model: DigestModel;
  channels: readonly Channel[];
  webhooks: { slack: string | null; discord: string | null };
  now: () => Date;
  /** Longest wait for a Retry-After before giving up (tests shorten it). */
  maxRetryAfterMs?: number;
}

export async function deliverDigest(options: DeliveryOptions): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  for (const channel of options.channels) {
    const week = options.model.week.key;
    if (await findDelivery(options.db, week, channel)) {
      results.push({
        channel,
        outcome: 'already_sent',
        message: `${channel}: the digest for ${week} was already sent.`,
      });
      continue;
    }
    const url = options.webhooks[channel];
    if (!url) {
      results.push({
        channel,
        outcome: 'failed',
        message: `${channel}: ${channel === 'slack' ? 'SLACK_WEBHOOK_URL' : 'DISCORD_WEBHOOK_URL'} is not set; add it to .env.`,
      });
      continue;
    }
    try {
      if (channel === 'slack')
        await postSlack(url, options.model, options.maxRetryAfterMs ?? 60_000);
      else await postDiscord(url, options.model);
      await recordDelivery(options.db, { week, channel, sent_at: options.now().toISOString() });
      results.push({
        channel,
        outcome: 'sent',
        message: `${channel}: sent the digest for ${week}.`,
      });
    } catch (error) {
      results.push({
        channel,
        outcome: 'failed',
        message: `${channel}: ${(error as Error).message}`,
      });
    }
  }
  return results;
}

async function postSlack(url: string, model: DigestModel, maxRetryAfterMs: number): Promise<void> {
  const body = JSON.stringify(renderSlack(model));
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    }).catch((error: unknown) => {
      throw new Error(
        `Slack could not be reached (${networkCause(error, [url])}); check SLACK_WEBHOOK_URL and the network.`,
      );
    });
    if (response.ok) return;
    const text = (await response.text()).slice(0, 200);
    if (response.status === 429 && attempt < 3) {
      const wait = Math.min(
        maxRetryAfterMs,
        Number(response.headers.get('retry-after') ?? 1) * 1000,
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    // Never echo the URL: it is the secret.
    throw new Error(
      `Slack refused the digest (${response.status} ${text}); check SLACK_WEBHOOK_URL.`,
    );
  }
}

async function postDiscord(url: string, model: DigestModel): Promise<void> {
  const match = /^(https?:\/\/[^/]+\/api)(?:\/v\d+)?\/webhooks\/(\d+)\/([^/?#]+)/.exec(url);
  if (!match)
    throw new Error('DISCORD_WEBHOOK_URL is not a Discord webhook URL (…/api/webhooks/ID/TOKEN).');
  const [, api, id, token] = match;
  const rest = new REST({
    api,
    version: '10',
    makeRequest: fetch as unknown as RESTOptions['makeRequest'],
  });
  try {
    await rest.post(Routes.webhook(id!, token!), { body: renderDiscord(model), auth: false });
  } catch (error) {
    if (error instanceof DiscordAPIError)
      throw new Error(
        `Discord refused the digest (${error.status} ${error.message}); check DISCORD_WEBHOOK_URL.`,
      );
    throw new Error(
      `Discord could not be reached (${networkCause(error, [url, token!])}); check DISCORD_WEBHOOK_URL and the network.`,
    );
  }
}

/**
 * fetch() reports every network failure as "fetch failed" and puts the reason (ECONNREFUSED,
 * ENOTFOUND, a certificate error) in `cause`. The secret parts of the webhook URL are blanked.
 */
function networkCause(error: unknown, secrets: readonly string[]): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  let text = cause?.message ?? (error as Error).message ?? String(error);
  if (cause?.code && !text.includes(cause.code)) text = `${cause.code}: ${text}`;
  for (const secret of secrets) text = text.split(secret).join('…');
  return text;
}
