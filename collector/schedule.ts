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
  /** A pass; `signal` aborts when the schedule stops (Ctrl-C), so it ends within a second. */
  collect: (signal: AbortSignal) => Promise<RunSummary[]>;
  /** The weekly digest, when one is configured. */
  digest?: { cron: string; send: () => Promise<DigestOutcome> };
  log: ScheduleLog;
  /** Run a pass as soon as the schedule starts, then on the cron. */
  collectAtStart?: boolean;
}

export interface Schedule {
  tasks: ScheduledTask[];
  /** Runs the collection task now, as a tick would (tests, `start` on an empty database). */
  runCollectNow(): Promise<void>;
  runDigestNow(): Promise<void>;
  stop(): Promise<void>;
}

/** How long stop() waits for a running pass to wind down before the process closes the database. */
export const STOP_WAIT_MS = 1000;

export function startSchedule(options: ScheduleOptions): Schedule {
  let digestPending = false;
  let stopping = false;
  const stopper = new AbortController();
  let running: Promise<void> | null = null;
  // Once stopping, a pass's last words ("interrupted", a closed database) are not news.
  const log: ScheduleLog = {
    info: (m) => !stopping && options.log.info(m),
    error: (m) => !stopping && options.log.error(m),
  };
  const digestOnce = async () => {
    if (!options.digest) return;
    try {
      const outcome = await options.digest.send();
      for (const line of outcome.lines) (outcome.failed ? log.error : log.info)(`Digest: ${line}`);
      digestPending = outcome.failed;
    } catch (error) {
      log.error(
        `Digest failed: ${(error as Error).message}; it is tried again after the next collection.`,
      );
      digestPending = true;
    }
  };
  const collectPass = async () => {
    await collectAndLog(options, stopper.signal, log);
    // A digest that could not be posted is tried again after each collection until it goes out.
    if (digestPending && !stopping) await digestOnce();
  };
  const collectOnce = async () => {
    if (stopping) return;
    running = collectPass().finally(() => (running = null));
    await running;
  };
  const collectTask = scheduleTask(options.collectCron, collectOnce, 'collect', options.timezone);
  const digestTask = options.digest
    ? scheduleTask(options.digest.cron, digestOnce, 'digest', options.timezone)
    : null;
  if (options.collectAtStart) {
    log.info('Collecting once now; then on the schedule.');
    void collectOnce();
  }
  return {
    tasks: digestTask ? [collectTask, digestTask] : [collectTask],
    runCollectNow: collectOnce,
    runDigestNow: digestOnce,
    async stop() {
      stopping = true;
      stopper.abort();
      await collectTask.destroy();
      await digestTask?.destroy();
      if (running) await waitAtMost(running, STOP_WAIT_MS);
    },
  };
}

/** One scheduled pass, its outcome per source in the log; a pass never throws into the cron. */
async function collectAndLog(
  options: ScheduleOptions,
  signal: AbortSignal,
  log: ScheduleLog,
): Promise<void> {
  try {
    const summaries = await options.collect(signal);
    for (const s of summaries) {
      if (s.ok)
        log.info(
          `Scheduled ${s.source} collection done: ${s.rows} rows, ${s.requests} requests, ${s.points} points.`,
        );
      else log.error(`Scheduled ${s.source} collection failed: ${s.error}`);
    }
  } catch (error) {
    if (error instanceof CollectionBusyError)
      log.info(`Scheduled collection skipped: ${error.message}`);
    else log.error(`Scheduled collection failed: ${(error as Error).message}`);
  }
}

function scheduleTask(
  expression: string,
  task: () => Promise<void>,
  name: string,
  timezone: string,
): ScheduledTask {
  return cron.schedule(expression, task, {
    name: `pulseboard-${name}`,
    timezone,
    noOverlap: true,
  });
}

async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
