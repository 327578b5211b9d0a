/** `pulseboard digest`, and the weekly digest the schedule posts (serve.ts). */
import type { Command } from 'commander';
import type { Config } from '../../config/load.js';
import { loadCommandConfig } from '../config.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { renderDiscord } from '../../server/digest/discord.js';
import { buildDigest, lastFullWeek, type DigestSettings } from '../../server/digest/model.js';
import { githubWebUrl } from '../../server/metrics/waiting.js';
import { deliverDigest, type Channel, type DeliveryResult } from '../../server/digest/send.js';
import { renderSlack } from '../../server/digest/slack.js';
import { isoWeekRange } from '../../shared/dates.js';
import { openExistingDatabase } from '../database.js';
import { CliFailure, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

interface DigestOptions extends GlobalOptions {
  dryRun?: boolean;
  to?: Channel;
  week?: string;
}

export default async function digestAction(
  io: CliIo,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<DigestOptions>();
  if (options.week && !isoWeekRange(options.week)) {
    throw new UsageError(`--week ${options.week} is not an ISO week; write it like 2026-W47.`);
  }
  const config = loadCommandConfig(io, options.config);
  // A dry run shows both payloads unless told one: nothing is posted, no webhook is needed.
  const channels: Channel[] =
    options.dryRun && !options.to ? ['slack', 'discord'] : chooseChannels(config, options.to);
  const { database } = await openExistingDatabase(config.env.database);
  try {
    const now = new Date();
    const week = options.week ?? lastFullWeek(now, config.timezone);
    if (options.dryRun) {
      const model = await buildDigest(database.db, digestSettings(config), week, now);
      const payloads = Object.fromEntries(
        channels.map((c) => [c, c === 'slack' ? renderSlack(model) : renderDiscord(model)]),
      );
      io.stdout(JSON.stringify(payloads, null, 2));
      return;
    }
    const results = await sendDigest(database.db, config, channels, week, now);
    for (const r of results) if (r.outcome !== 'failed') io.stderr(r.message);
    const failed = results.filter((r) => r.outcome === 'failed');
    if (failed.length > 0) throw new CliFailure(failed.map((r) => r.message).join('\n'));
  } finally {
    await database.close();
  }
}

export function digestSettings(config: Readonly<Config>): DigestSettings {
  return {
    project: config.project,
    timezone: config.timezone,
    okrs: config.okrs,
    dashboardUrl: config.dashboardUrl,
    githubWebUrl: githubWebUrl(config.env.githubApiUrl),
  };
}

/** Builds the week's digest and delivers it where it has not been delivered yet. */
export async function sendDigest(
  db: Kysely<Database>,
  config: Readonly<Config>,
  channels: readonly Channel[],
  week: string,
  now: Date,
): Promise<DeliveryResult[]> {
  const model = await buildDigest(db, digestSettings(config), week, now);
  return deliverDigest({
    db,
    model,
    channels,
    webhooks: { slack: config.env.slackWebhookUrl, discord: config.env.discordWebhookUrl },
    now: () => new Date(),
  });
}

function chooseChannels(config: Readonly<Config>, to: Channel | undefined): Channel[] {
  if (to) return [to];
  const channels = (['slack', 'discord'] as const).filter((c) => config.digest[c]);
  if (channels.length === 0) {
    throw new UsageError(
      'digest.slack and digest.discord are both false; set one to true in the config, or pass --to slack|discord.',
    );
  }
  return channels;
}
