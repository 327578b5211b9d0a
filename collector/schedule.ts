/**
 * The cron schedule inside `pulseboard start`: a collection pass on `schedule.collect` (in the
 * config's time zone). node-cron's noOverlap keeps one pass per process; the database lease in
 * runCollection keeps one across processes. A failed pass is logged with its cause and simply
 * runs again at the next tick.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { CollectionBusyError, type RunSummary } from './run.js';

export interface ScheduleLog {
  info(message: string): void;
  error(message: string): void;
}

export interface DigestOutcome {
  /** One line per channel, for the log. */
  lines: string[];
  /** True when a channel failed: it is tried again after the next collection. */
  failed: boolean;
}

export interface ScheduleOptions {
  collectCron: string;
  timezone: string;
  collect: () => Promise<RunSummary[]>;
  /** The weekly digest, when one is configured. */
  digest?: { cron: string; send: () => Promise<DigestOutcome> };
  log: ScheduleLog;
}

export interface Schedule {
  tasks: ScheduledTask[];
  /** Runs the collection task now, as a tick would (tests, `start` on an empty database). */
  runCollectNow(): Promise<void>;
  runDigestNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startSchedule(options: ScheduleOptions): Schedule {
  let digestPending = false;
  const digestOnce = async () => {
    if (!options.digest) return;
    try {
      const outcome = await options.digest.send();
      for (const line of outcome.lines)
        (outcome.failed ? options.log.error : options.log.info)(`Digest: ${line}`);
      digestPending = outcome.failed;
    } catch (error) {
      options.log.error(
        `Digest failed: ${(error as Error).message}; it is tried again after the next collection.`,
      );
      digestPending = true;
    }
  };
  const collectOnce = async () => {
    try {
      const summaries = await options.collect();
      for (const s of summaries) {
        if (s.ok)
          options.log.info(
            `Scheduled ${s.source} collection done: ${s.rows} rows, ${s.requests} requests, ${s.points} points.`,
          );
        else options.log.error(`Scheduled ${s.source} collection failed: ${s.error}`);
      }
    } catch (error) {
      if (error instanceof CollectionBusyError)
        options.log.info(`Scheduled collection skipped: ${error.message}`);
      else options.log.error(`Scheduled collection failed: ${(error as Error).message}`);
    }
    // A digest that could not be posted is tried again after each collection until it goes out.
    if (digestPending) await digestOnce();
  };
  const collectTask = cron.schedule(options.collectCron, collectOnce, {
    name: 'pulseboard-collect',
    timezone: options.timezone,
    noOverlap: true,
  });
  const digestTask = options.digest
    ? cron.schedule(options.digest.cron, digestOnce, {
        name: 'pulseboard-digest',
        timezone: options.timezone,
        noOverlap: true,
      })
    : null;
  return {
    tasks: digestTask ? [collectTask, digestTask] : [collectTask],
    runCollectNow: collectOnce,
    runDigestNow: digestOnce,
    async stop() {
      await collectTask.destroy();
      await digestTask?.destroy();
    },
  };
}
