/** `pulseboard alerts`, and the alert evaluation after each collection pass (collection.ts). */
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../config/load.js';
import type { Database } from '../../db/schema.js';
import { countAlertsSentSince } from '../../db/queries/alerts.js';
import {
  alertChannels,
  evaluateAlerts,
  planAlerts,
  type AlertOutcome,
  type AlertSettings,
} from '../../server/alerts/evaluate.js';
import { alertRequest } from '../../server/alerts/send.js';
import { openMigratedDatabase } from '../../db/open.js';
import { CliFailure, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

interface AlertsOptions extends GlobalOptions {
  dryRun?: boolean;
}

export default async function alertsAction(
  io: CliIo,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<AlertsOptions>();
  const config = loadConfig({ cwd: io.cwd, env: io.env, file: options.config });
  const settings = alertSettings(config);
  if (!settings)
    throw new UsageError(
      'alerts: is not in the config, so alerts are off; add an alerts: section with slack: true, discord: true or webhook: true (see the README, Alerts).',
    );
  const { database } = await openMigratedDatabase(config.env.database);
  try {
    const now = new Date();
    if (options.dryRun) return io.stdout(await dryRun(database.db, settings, now));
    const outcome = await evaluateAlerts(database.db, settings, now);
    const lines = describeOutcome(outcome);
    for (const line of lines.info) io.stderr(line);
    if (lines.errors.length > 0) throw new CliFailure(lines.errors.join('\n'));
  } finally {
    await database.close();
  }
}

/** The alert settings of a config, or null when alerts are off. */
export function alertSettings(config: Readonly<Config>): AlertSettings | null {
  if (!config.alerts) return null;
  const { env } = config;
  return {
    project: config.project,
    timezone: config.timezone,
    okrs: config.okrs,
    rules: config.alerts,
    dashboardUrl: config.dashboardUrl,
    sources: [
      ...(config.github ? ['github' as const] : []),
      ...(config.discord ? ['discord' as const] : []),
    ],
    targets: {
      slack: env.alertSlackWebhookUrl ?? env.slackWebhookUrl,
      discord: env.alertDiscordWebhookUrl ?? env.discordWebhookUrl,
      webhook:
        env.alertWebhookUrl && env.alertWebhookSecret
          ? { url: env.alertWebhookUrl, secret: env.alertWebhookSecret }
          : null,
    },
  };
}

async function dryRun(db: Kysely<Database>, settings: AlertSettings, now: Date): Promise<string> {
  const { detection, pending } = await planAlerts(db, settings, now);
  const hourAgo = new Date(now.getTime() - 3_600_000).toISOString();
  const room = settings.rules.maxPerHour - (await countAlertsSentSince(db, hourAgo, 'alerts'));
  const at = now.toISOString();
  const alerts = pending.map((event, i) => ({
    key: event.key,
    kind: event.kind,
    title: event.title,
    message: event.message,
    // Over the hourly cap an alert is held for the summary line.
    wouldBe: i < room ? 'sent' : 'held',
    payloads: Object.fromEntries(
      alertChannels(settings.rules).map((channel) => {
        const request = alertRequest(channel, settings.targets, settings.project, event, at);
        return [
          channel,
          request
            ? { headers: request.headers, body: JSON.parse(request.body) as unknown }
            : `not set up: ${channel === 'webhook' ? 'ALERT_WEBHOOK_URL and ALERT_WEBHOOK_SECRET' : `the ${channel} webhook URL`} missing`,
        ];
      }),
    ),
  }));
  const firstSeen = detection.changes.filter((c) => !c.previous).map((c) => c.subject);
  return JSON.stringify({ alerts, firstObservations: firstSeen }, null, 2);
}

export function describeOutcome(outcome: AlertOutcome): { info: string[]; errors: string[] } {
  const info = outcome.sent.map((e) => `Alert sent: ${e.title}`);
  if (outcome.held.length > 0)
    info.push(
      `${outcome.held.length} alerts held back by alerts.maxPerHour (one summary line an hour).`,
    );
  if (info.length === 0 && outcome.failed.length === 0) info.push('Alerts: nothing new to send.');
  const errors = outcome.failed.map(
    (f) => `Alert not sent (${f.event.title}): ${f.errors.join(' ')}`,
  );
  return { info, errors };
}

/** After a collection pass: evaluate and log, never throw (a failed alert must not fail the pass). */
export async function alertAfterPass(
  db: Kysely<Database>,
  config: Readonly<Config>,
  log: (line: string) => void,
): Promise<void> {
  const settings = alertSettings(config);
  if (!settings) return;
  try {
    const lines = describeOutcome(await evaluateAlerts(db, settings, new Date()));
    for (const line of [...lines.info, ...lines.errors]) log(line);
  } catch (error) {
    log(`Alerts were not evaluated: ${(error as Error).message}; the next pass tries again.`);
  }
}
