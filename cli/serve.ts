/**
 * What `start` and `demo` share: migrate, serve API + dashboard, and (unless told not to) run the
 * collection schedule. Returns once listening; `stop()` closes it all.
 */
import type { Config } from '../config/load.js';
import { startSchedule, type DigestOutcome, type Schedule } from '../collector/schedule.js';
import type { DatabaseHandle } from '../db/connect.js';
import { lastFullWeek } from '../server/digest/model.js';
import type { Channel } from '../server/digest/send.js';
import { sendDigest } from './commands/digest.js';
import { buildApp } from '../server/app.js';
import { backgroundCollector, collectAndRefresh } from './collection.js';
import { openMigratedDatabase } from './database.js';
import { CliFailure } from './errors.js';
import type { CliIo } from './io.js';
import { WEB_ROOT } from './paths.js';

export interface ServeOptions {
  port: number;
  schedule: boolean;
  verbose: boolean;
  /** Overrides `schedule.collect` (the demo collects every minute). */
  collectCron?: string;
}

export interface Serving {
  url: string;
  where: string;
  schedule: Schedule | null;
  stop(): Promise<void>;
}

export async function serve(
  config: Readonly<Config>,
  io: CliIo,
  options: ServeOptions,
): Promise<Serving> {
  const { database, migration } = await openMigratedDatabase(config.env.database);
  if (migration.applied.length > 0)
    io.stderr(`Database ready: applied ${migration.applied.join(', ')}.`);
  const app = await buildApp({
    database,
    settings: {
      project: config.project,
      timezone: config.timezone,
      okrs: config.okrs,
      adminToken: config.env.adminToken,
    },
    collect: backgroundCollector(database.db, config, (line) => io.stderr(line)),
    webRoot: WEB_ROOT,
    logger: { level: options.verbose ? 'info' : 'warn', redact: ['req.headers.authorization'] },
  });
  let schedule: Schedule | null = null;
  const stop = async () => {
    await schedule?.stop();
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
    if (options.schedule) {
      const collectCron = options.collectCron ?? config.schedule.collect;
      schedule = startSchedule({
        collectCron,
        timezone: config.timezone,
        collect: () => collectAndRefresh({ db: database.db, config }),
        digest:
          digestChannels(config).length > 0
            ? { cron: config.schedule.digest, send: () => scheduledDigest(database.db, config) }
            : undefined,
        log: { info: (m) => io.stderr(m), error: (m) => io.stderr(m) },
      });
      const channels = digestChannels(config);
      io.stderr(
        `Collecting on the schedule "${collectCron}" (${config.timezone}); ${channels.length > 0 ? `posting the weekly digest to ${channels.join(' and ')} on "${config.schedule.digest}"` : 'no weekly digest (digest.slack and digest.discord are off)'}.`,
      );
    }
    return { url: displayUrl(address), where: database.where, schedule, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Fastify reports the bound address; show a URL a browser can open. */
function displayUrl(address: string): string {
  return address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
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
