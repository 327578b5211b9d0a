/**
 * What `start` and `demo` share: migrate, serve API + dashboard, and (unless told not to) run the
 * collection schedule. Returns once listening; `stop()` closes it all.
 */
import { githubWebUrl } from '../server/metrics/waiting.js';
import type { Config } from '../config/load.js';
import { setupWarnings } from '../config/setup-warnings.js';
import { leadSchedule, type Leadership } from '../collector/leader.js';
import { startSchedule, type DigestOutcome } from '../collector/schedule.js';
import type { DatabaseHandle } from '../db/connect.js';
import { lastFullWeek } from '../server/digest/model.js';
import type { Channel } from '../server/digest/send.js';
import { sendDigest } from './commands/digest-action.js';
import { buildApp } from '../server/app.js';
import type { CollectionSource } from '../server/health.js';
import { backgroundCollector, collectAndRefresh } from './collection.js';
import { openMigratedDatabase } from '../db/open.js';
import type { QueueOptions } from '../collector/queued.js';
import { CliFailure } from './errors.js';
import type { CliIo } from './io.js';
import { WEB_ROOT } from './paths.js';

export interface ServeOptions {
  port: number;
  schedule: boolean;
  verbose: boolean;
  /** PostgreSQL: passes queue GitHub repositories for `pulseboard worker`s (`start --queue`). */
  queue?: QueueOptions;
}

export interface Serving {
  url: string;
  where: string;
  /** Null with --no-schedule; otherwise whether this process leads the schedule. */
  leadership: Leadership | null;
  stop(): Promise<void>;
}

export async function serve(
  config: Readonly<Config>,
  io: CliIo,
  options: ServeOptions,
): Promise<Serving> {
  const { database, migration } = await openMigratedDatabase(config.env.database);
  const stopping = new AbortController();
  const warnings = setupWarnings(config);
  for (const warning of warnings) io.stderr(`Warning: ${warning}`);
  if (migration.applied.length > 0)
    io.stderr(`Database ready: applied ${migration.applied.join(', ')}.`);
  const app = await buildApp({
    database,
    settings: {
      project: config.project,
      timezone: config.timezone,
      okrs: config.okrs,
      adminToken: config.env.adminToken,
      githubWebUrl: githubWebUrl(config.env.githubApiUrl),
      warnings,
    },
    sources: configuredSources(config),
    collect: backgroundCollector(
      { db: database.db, config, queue: options.queue },
      (line) => io.stderr(line),
      stopping.signal,
    ),
    webRoot: WEB_ROOT,
    log: options.verbose ? 'requests' : 'problems',
  });
  let leadership: Leadership | null = null;
  const stop = async () => {
    stopping.abort();
    await leadership?.stop();
    await app.close();
    await database.close();
  };
  try {
    const address = await app
      .listen({ port: options.port, host: config.env.host })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
        throw new CliFailure(
          `Cannot listen on ${config.env.host}:${options.port} (${error.code}); stop the other server or choose another port with --port or PORT.`,
        );
      });
    if (options.schedule) leadership = leadCollectionSchedule(database, config, io, options.queue);
    return { url: displayUrl(address), where: database.where, leadership, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs the collection schedule (and the weekly digest, when a channel is on) in the one process that
 * holds the schedule lease.
 */
function leadCollectionSchedule(
  database: DatabaseHandle,
  config: Readonly<Config>,
  io: CliIo,
  queue: QueueOptions | undefined,
): Leadership {
  const log = { info: (m: string) => io.stderr(m), error: (m: string) => io.stderr(m) };
  const channels = digestChannels(config);
  const start = () =>
    startSchedule({
      collectCron: config.schedule.collect,
      timezone: config.timezone,
      collect: (signal) =>
        collectAndRefresh({
          ...{ db: database.db, config, signal, queue },
          alertLog: (m) => io.stderr(m),
        }),
      digest:
        channels.length > 0
          ? { cron: config.schedule.digest, send: () => scheduledDigest(database.db, config) }
          : undefined,
      log,
      // A first start shows data (or why there is none) now, not at the next cron minute.
      collectAtStart: true,
    });
  const leadership = leadSchedule({
    db: database.db,
    leaseMs: config.schedule.leaseSeconds * 1000,
    start,
    log,
  });
  io.stderr(
    `Schedule: collecting on "${config.schedule.collect}" (${config.timezone}); ${channels.length > 0 ? `the weekly digest to ${channels.join(' and ')} on "${config.schedule.digest}"` : 'no weekly digest (digest.slack and digest.discord are off)'}; one process at a time runs it.`,
  );
  return leadership;
}

/** Fastify reports the bound address; show a URL a browser can open. */
function displayUrl(address: string): string {
  return address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
}

/** The sources this config collects: a failure of one it no longer collects is no alarm. */
function configuredSources(config: Readonly<Config>): CollectionSource[] {
  return (['github', 'discord', 'packages'] as const).filter((s) => config[s] !== null);
}

function digestChannels(config: Readonly<Config>): Channel[] {
  return (['slack', 'discord'] as const).filter((c) => config.digest[c]);
}

/** The digest for the last full week, to every configured channel that has not had it. */
async function scheduledDigest(
  db: DatabaseHandle['db'],
  config: Readonly<Config>,
): Promise<DigestOutcome> {
  const now = new Date();
  const results = await sendDigest(
    db,
    config,
    digestChannels(config),
    lastFullWeek(now, config.timezone),
    now,
  );
  return {
    lines: results.map((r) => r.message),
    failed: results.some((r) => r.outcome === 'failed'),
  };
}
