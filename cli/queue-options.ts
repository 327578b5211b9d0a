/** The job queue's settings for `worker`, `collect --queue` and `start --queue`: PostgreSQL only. */
import type { Config } from '../config/load.js';
import type { QueueOptions } from '../collector/queued.js';
import { UsageError } from './errors.js';

/** The queue's settings, or a usage error where there is no PostgreSQL (or no GitHub). */
export function queueOptions(config: Config, what: string): QueueOptions {
  const { database } = config.env;
  if (database.kind !== 'postgres') {
    throw new UsageError(
      `${what} needs PostgreSQL (the job queue lives there); set PULSEBOARD_DB to a postgres:// URL, or collect in one process without it on SQLite.`,
    );
  }
  if (!config.github) {
    throw new UsageError(
      `${what}: github is not configured; add github: { repos: [owner/name] } (or orgs:) to the config, the queue holds GitHub repositories.`,
    );
  }
  return { url: database.url, retryDelayS: config.env.queueRetryDelayS };
}
