/**
 * A collection pass as the product runs it: collect, then recompute the daily rollups the API reads.
 * Shared by `collect`, `start` (schedule and POST /api/collect) and `demo`.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config/load.js';
import {
  CollectionBusyError,
  runCollection,
  systemClock,
  type CollectionOptions,
  type RunSummary,
} from '../collector/run.js';
import type { QueueOptions } from '../collector/queued.js';
import { findLease } from '../db/queries/lease.js';
import type { Database } from '../db/schema.js';
import { favouringMemory } from '../collector/memory.js';
import { refreshDailyMetrics, RefreshStoppedError } from '../server/metrics/refresh.js';
import { alertAfterPass } from './commands/alerts-action.js';

export async function collectAndRefresh(
  options: CollectionOptions & {
    config: Readonly<Config>;
    /** Where alert lines go (sent, held, failed); alerts run after the refresh when configured. */
    alertLog?: (line: string) => void;
  },
): Promise<RunSummary[]> {
  options = { ...options, now: options.now ?? systemClock };
  const { db, config, signal } = options;
  // Whether the rollups are complete; a full rebuild (the first refresh) stops at Ctrl-C too.
  const refresh = async () => {
    try {
      // In the collector's process, after a pass, memory counts more than speed: a full rebuild at
      // 10× history peaked at 260 MB there (with the flag it takes ~1.7× the CPU, an hourly one ~3%).
      await favouringMemory(() =>
        refreshDailyMetrics(db, config.timezone, options.now!(), { signal }),
      );
      return true;
    } catch (error) {
      if (error instanceof RefreshStoppedError) return false;
      throw error;
    }
  };
  let summaries: RunSummary[];
  try {
    summaries = await runCollection(options);
  } catch (error) {
    // An interrupted pass stored pages: show what is there. A pass that never started changed nothing.
    if (!(error instanceof CollectionBusyError) && !signal?.aborted && (await refresh()))
      await alertAfterPass(db, config, options.alertLog ?? (() => {}));
    throw error;
  }
  // A pass stopped by Ctrl-C skips the refresh (it can take seconds; stopping must not): the
  // next pass refreshes what this one stored, and the alerts follow it.
  // The rollups and runs are what alerts read: evaluate them right after the refresh.
  if (!signal?.aborted && (await refresh()))
    await alertAfterPass(db, config, options.alertLog ?? (() => {}));
  return summaries;
}

/** For POST /api/collect: start a pass in the background unless one is running (here or elsewhere). */
export function backgroundCollector(
  pass: { db: Kysely<Database>; config: Readonly<Config>; queue?: QueueOptions },
  log: (line: string) => void,
  /** Aborts when the server stops; the pass ends at once and says nothing more. */
  signal?: AbortSignal,
) {
  let running: Promise<unknown> | null = null;
  const say = (line: string) => signal?.aborted || log(line);
  return async (): Promise<'started' | 'busy'> => {
    const { db, config, queue } = pass;
    const lease = await findLease(db, 'collection');
    if (running || (lease && lease.expires_at > new Date().toISOString())) return 'busy';
    running = collectAndRefresh({ db, config, signal, queue, alertLog: log })
      .then((summaries) =>
        summaries.forEach((s) =>
          say(`${s.source} collection (API): ${s.ok ? 'done' : `failed: ${s.error}`}`),
        ),
      )
      .catch((error: Error) => say(`Collection (API) did not run: ${error.message}`))
      .finally(() => (running = null));
    return 'started';
  };
}
