/**
 * `pulseboard worker` (PostgreSQL only): collects the GitHub repositories that `collect --queue`
 * (or `start --queue`) puts on the job queue. Run as many as you like, on one machine or several.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../../config/load.js';
import type { QueueOptions } from '../../collector/queued.js';
import { openMigratedDatabase } from '../../db/open.js';
import { loadCommandConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

interface WorkerOptions extends GlobalOptions {
  batch: number;
  concurrency: number;
}

export function registerWorker(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description(
      'PostgreSQL only: collect GitHub repositories from the job queue that collect --queue fills (run several)',
    )
    .option('--batch <n>', 'repositories taken from the queue at once (1–100)', parseCount, 20)
    .option(
      '--concurrency <n>',
      'repositories of a batch collected at once (1–100; GitHub asks for one request at a time per token)',
      parseCount,
      1,
    )
    .action((_options, command: Command) =>
      runWorkerCommand(command.optsWithGlobals<WorkerOptions>(), io),
    );
}

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
  return { url: database.url };
}

async function runWorkerCommand(options: WorkerOptions, io: CliIo): Promise<void> {
  const config = loadCommandConfig(io, options.config);
  const queue = queueOptions(config, 'pulseboard worker');
  if (!config.env.githubToken && !config.env.githubApp) {
    throw new UsageError(
      'GITHUB_TOKEN is not set; put a token with read access to the repositories in .env (see the README).',
    );
  }
  // Loaded on demand: pg-boss is needed only by the queue's commands.
  const { openQueue } = await import('../../collector/queue.js');
  const { runWorker } = await import('../../collector/worker.js');
  const { database } = await openMigratedDatabase(config.env.database);
  const controller = new AbortController();
  void io.untilStopped().then((signal) => {
    io.stderr(`Stopping (${signal}); this worker's repositories go back to the queue.`);
    controller.abort();
  });
  try {
    const boss = await openQueue(queue.url, io.stderr);
    io.stderr(
      `Worker ready: collecting GitHub repositories from the job queue in ${database.where}; Ctrl-C stops.`,
    );
    try {
      await runWorker({
        db: database.db,
        boss,
        config,
        signal: controller.signal,
        log: io.stderr,
        batchSize: options.batch,
        concurrency: options.concurrency,
      });
    } finally {
      await boss.stop({ graceful: false, wait: true, close: true });
    }
  } finally {
    await database.close();
  }
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100)
    throw new InvalidArgumentError('use a whole number from 1 to 100, e.g. 20.');
  return n;
}
