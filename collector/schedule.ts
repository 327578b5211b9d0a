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

export interface ScheduleOptions {
  collectCron: string;
  timezone: string;
  collect: () => Promise<RunSummary[]>;
  log: ScheduleLog;
}

export interface Schedule {
  tasks: ScheduledTask[];
  /** Runs the collection task now, as a tick would (tests, `start` on an empty database). */
  runCollectNow(): Promise<void>;
  stop(): Promise<void>;
}

export function startSchedule(options: ScheduleOptions): Schedule {
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
  };
  const collectTask = cron.schedule(options.collectCron, collectOnce, {
    name: 'pulseboard-collect',
    timezone: options.timezone,
    noOverlap: true,
  });
  return {
    tasks: [collectTask],
    runCollectNow: collectOnce,
    async stop() {
      await collectTask.destroy();
    },
  };
}
