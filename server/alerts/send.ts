/**
 * Posts one alert to each enabled channel. The generic webhook's body is signed:
 * `X-Pulseboard-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with ALERT_WEBHOOK_SECRET>`.
 * Errors never echo a URL (the URL is the secret for Slack and Discord).
 */
import { createHmac } from 'node:crypto';
import type { AlertChannel } from '../../config/alerts.js';
import {
  renderDiscordAlert,
  renderSlackAlert,
  renderWebhookAlert,
  type AlertPayloadEvent,
} from './render.js';

export interface AlertTargets {
  slack: string | null;
  discord: string | null;
  webhook: { url: string; secret: string } | null;
}

export const SIGNATURE_HEADER = 'x-pulseboard-signature';

/** `sha256=<hex>`: what the receiver recomputes over the raw body it got, to trust it. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface ChannelOutcome {
  channel: AlertChannel;
  ok: boolean;
  error: string | null;
}

const ENV_NAME: Record<AlertChannel, string> = {
  slack: 'ALERT_SLACK_WEBHOOK_URL (or SLACK_WEBHOOK_URL)',
  discord: 'ALERT_DISCORD_WEBHOOK_URL (or DISCORD_WEBHOOK_URL)',
  webhook: 'ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET',
};

/** The payload and headers a channel gets; null when the channel is not set up. */
export function alertRequest(
  channel: AlertChannel,
  targets: AlertTargets,
  project: string,
  event: AlertPayloadEvent,
  at: string,
): { url: string; body: string; headers: Record<string, string> } | null {
  const json = { 'content-type': 'application/json' };
  if (channel === 'slack')
    return targets.slack
      ? {
          url: targets.slack,
          body: JSON.stringify(renderSlackAlert(project, event)),
          headers: json,
        }
      : null;
  if (channel === 'discord')
    return targets.discord
      ? {
          url: targets.discord,
          body: JSON.stringify(renderDiscordAlert(project, event)),
          headers: json,
        }
      : null;
  if (!targets.webhook) return null;
  const body = JSON.stringify(renderWebhookAlert(project, event, at));
  return {
    url: targets.webhook.url,
    body,
    headers: {
      ...json,
      [SIGNATURE_HEADER]: signBody(body, targets.webhook.secret),
      'x-pulseboard-event': event.kind,
    },
  };
}

export async function postAlert(
  channels: readonly AlertChannel[],
  targets: AlertTargets,
  project: string,
  event: AlertPayloadEvent,
  at: string,
): Promise<ChannelOutcome[]> {
  return Promise.all(
    channels.map(async (channel): Promise<ChannelOutcome> => {
      const request = alertRequest(channel, targets, project, event, at);
      if (!request)
        return {
          channel,
          ok: false,
          error: `${channel}: ${ENV_NAME[channel]} is not set; add it to .env.`,
        };
      try {
        const response = await fetch(request.url, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
          signal: AbortSignal.timeout(15_000),
        });
        if (response.ok) return { channel, ok: true, error: null };
        const text = (await response.text()).replace(/\s+/g, ' ').slice(0, 200);
        return {
          channel,
          ok: false,
          error: `${channel}: the webhook answered ${response.status} ${text}; check ${ENV_NAME[channel]}.`,
        };
      } catch (error) {
        const cause =
          (error as Error).name === 'TimeoutError'
            ? 'did not answer in 15 s'
            : 'could not be reached';
        return {
          channel,
          ok: false,
          error: `${channel}: the webhook ${cause}; check ${ENV_NAME[channel]}.`,
        };
      }
    }),
  );
}
