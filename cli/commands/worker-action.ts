import type { Command } from 'commander';
import { openMigratedDatabase } from '../../db/open.js';
import { loadCommandConfig } from '../config.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { queueOptions } from '../queue-options.js';

interface WorkerOptions extends GlobalOptions {
  batch: number;
  concurrency: number;
}

/** `pulseboard worker`: takes batches of repositories from the queue until stopped. */
export default function workerAction(io: CliIo, _options: unknown, command: Command) {
  return runWorkerCommand(command.optsWithGlobals<WorkerOptions>(), io);
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
