/**
 * Keeps the daily rollups up to date after each collection pass, so API requests read
 * `daily_metric` and never scan raw rows. A refresh recomputes what the pass changed: the tables it
 * touched (`rollup_change`, kept by triggers) name the metrics, and each incremental metric is
 * recomputed from the first touched day on, from the rows of its window before that day. A full
 * rebuild (`pulseboard refresh --full`, the first refresh, a new time zone) recomputes everything
 * and is the reference the incremental refresh is tested against.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  deleteMetricRollups,
  findRollupVersion,
  listRolledUpMetrics,
  stampRollupVersion,
  writeMetricRollups,
  type DailyRow,
} from '../../db/queries/metrics.js';
import { saveWindowStates } from '../../db/queries/rollup-windows.js';
import {
  findRollupActivityStart,
  findRollupBasis,
  findRollupRules,
  forgetRollupBasis,
  saveRollupActivityStart,
  saveRollupBasis,
  saveRollupRules,
  settleRollupChanges,
  takeRollupChanges,
} from '../../db/queries/rollup-changes.js';
import { findActivityHistoryStart } from '../../db/queries/discord-activity.js';
import type { Database } from '../../db/schema.js';
import { dayOf } from '../../shared/dates.js';
import {
  captureDayOf,
  computeManualRollups,
  computeRollups,
  REGISTRY,
  type MetricEntry,
  type RawData,
} from '../kpi/metrics/index.js';
import { refreshPlanned, toRows } from './refresh-incremental.js';
import { loadRawData } from './refresh-loaders.js';
import { planRefresh } from './refresh-plan.js';
import { collectGarbage } from '../../db/collect-garbage.js';
import { keepWindows, takeKeptWindows, type KeptWindows } from './window-memory.js';

/**
 * The version of what the metrics compute. Bump it when a change gives past days other values
 * (not only faster ones): the first refresh after an upgrade then rebuilds every rollup, where an
 * incremental one would keep the stored days before what the pass touched.
 * 2: forks have their history from the fork list before the first snapshot.
 */
export const ROLLUP_RULES = '2';

export interface RefreshOptions {
  /** Recompute every metric from all stored rows. */
  full?: boolean;
  /**
   * Stops a full rebuild between two groups of metrics (a `RefreshStoppedError`): Ctrl-C need not
   * wait for all of it (17 s at 10× history). The next refresh rebuilds everything again.
   */
  signal?: AbortSignal;
}

/** A full rebuild stopped by its signal; its rollups are incomplete and the version not stamped. */
export class RefreshStoppedError extends Error {
  constructor() {
    super('The rollup rebuild stopped before the end; the next refresh rebuilds them all.');
    this.name = 'RefreshStoppedError';
  }
}

/** Brings the rollups up to date; returns how many daily values were computed. */
export async function refreshDailyMetrics(
  db: Kysely<Database>,
  timeZone: string,
  now: Date,
  options: RefreshOptions = {},
): Promise<number> {
  const today = dayOf(now, timeZone);
  const at = now.toISOString();
  // Taken first: whatever is written from here on is the next refresh's.
  const touched = await takeRollupChanges(db);
  const basis = await findRollupBasis(db);
  const activityStart = await findActivityHistoryStart(db);
  const known = takeKeptWindows(db, await findRollupVersion(db));
  // A version that changes at every refresh, even two within the same millisecond.
  const version = `${at}#${randomUUID()}`;
  let rows: number;
  const rules = await findRollupRules(db);
  if (options.full || basis === null || basis.timeZone !== timeZone || rules !== ROLLUP_RULES) {
    rows = await rebuild(db, timeZone, today, version, at, options.signal);
  } else {
    // A new start of the collected posts (a guild added) changes days no trigger marked.
    const moved = (await findRollupActivityStart(db)) !== activityStart;
    const whole = new Set<keyof RawData>(moved ? ['discordActivity'] : []);
    const plan = planRefresh(REGISTRY, touched, basis.today, today, timeZone, whole);
    const changed = await refreshChanged(db, timeZone, today, plan, known);
    rows = changed.rows;
    await stampRollupVersion(db, version, at, `${rows} rows recomputed`);
    keepWindows(db, version, new Map([...known, ...changed.windows]));
  }
  await saveRollupBasis(db, { today, timeZone }, at);
  await saveRollupActivityStart(db, activityStart, at);
  await saveRollupRules(db, ROLLUP_RULES, at);
  await settleRollupChanges(db);
  return rows;
}

/**
 * Every metric from all stored rows, streamed by group: the metrics are taken in groups that read
 * the same tables, and only one group's rows (and views of them) are in memory at a time. Each
 * group's rollups are written as soon as they are computed; the rollup version is stamped once
 * all are, so API caches recompute on complete rollups.
 */
async function rebuild(
  db: Kysely<Database>,
  timeZone: string,
  today: string,
  version: string,
  at: string,
  signal: AbortSignal | undefined,
): Promise<number> {
  // Until the end, the next refresh must rebuild too: this one may be stopped or killed half-way.
  await forgetRollupBasis(db);
  const windows = new Map<string, Map<string, unknown>>();
  const written = new Set<string>();
  const heapBefore = process.memoryUsage().heapUsed;
  let rows = 0;
  for (const group of readGroups(REGISTRY)) {
    await stopIfAsked(signal);
    rows += await rebuildGroup(db, timeZone, today, group, windows, signal);
    for (const entry of group.entries) written.add(entry.id);
    // The group's rows and views are garbage now: collected before the next group's load, the
    // process's peak memory is one group's, not the sum of several (see db/collect-garbage.ts).
    collectGarbage(heapBefore);
  }
  const manual = await refreshManual(db, timeZone, today);
  for (const metric of await listRolledUpMetrics(db))
    if (!written.has(metric) && !metric.startsWith('manual.'))
      await deleteMetricRollups(db, metric);
  await stampRollupVersion(db, version, at, `${rows + manual} rows`);
  await saveWindowStates(db, captureDayOf(today), windows, false);
  const day = captureDayOf(today);
  keepWindows(
    db,
    version,
    new Map([...windows].map(([metric, states]) => [metric, { day, states }])),
  );
  return rows + manual;
}

/**
 * Throws `RefreshStoppedError` once `signal` is aborted. It first lets the event loop turn: SQLite's
 * queries resolve without it, so a Ctrl-C (a signal handler) would otherwise wait for the end.
 */
async function stopIfAsked(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise((resolve) => setImmediate(resolve));
  if (signal.aborted) throw new RefreshStoppedError();
}

/**
 * One group's metrics from all rows of the tables it reads, written; returns how many daily values.
 * A function of its own so that the group's rows are garbage once it returns (an async function
 * keeps its locals until they are reassigned: the next group's rows would load beside them).
 */
async function rebuildGroup(
  db: Kysely<Database>,
  timeZone: string,
  today: string,
  group: { entries: MetricEntry[]; reads: (keyof RawData)[] },
  windows: Map<string, Map<string, unknown>>,
  signal: AbortSignal | undefined,
): Promise<number> {
  const data = await loadRawData(db, group.reads, null);
  // Loading is about half of a group's time: Ctrl-C need not wait for the computing too.
  await stopIfAsked(signal);
  const wanted = new Map(group.entries.map((e) => [e.id, [] as DailyRow[]]));
  for (const row of toRows(computeRollups(data, timeZone, today, group.entries, windows), null))
    wanted.get(row.metric)!.push(row);
  let rows = 0;
  for (const [metric, rowsOf] of wanted) {
    await writeMetricRollups(db, metric, rowsOf);
    rows += rowsOf.length;
  }
  return rows;
}

/**
 * The registry's entries in groups that share what they read (two entries reading one table are in
 * the same group), each with the union of its reads: what the full rebuild loads at once.
 */
export function readGroups(
  entries: readonly MetricEntry[],
): { entries: MetricEntry[]; reads: (keyof RawData)[] }[] {
  const groups: { entries: MetricEntry[]; reads: Set<keyof RawData> }[] = [];
  for (const entry of entries) {
    const reads = new Set<keyof RawData>(entry.reads.filter((r) => r !== 'repos'));
    const joined = groups.filter((g) => [...reads].some((r) => g.reads.has(r)));
    const group = { entries: [...joined.flatMap((g) => g.entries), entry], reads };
    for (const g of joined) {
      for (const r of g.reads) reads.add(r);
      groups.splice(groups.indexOf(g), 1);
    }
    groups.push(group);
  }
  // The contributors' group after the pull requests' and issues': in that order a 10× rebuild
  // peaked at 232 MB, with it second at 244–248 MB (V8 sizes its heap by what came before).
  const late = (g: { reads: Set<keyof RawData> }) => (g.reads.has('contributions') ? 1 : 0);
  groups.sort((a, b) => late(a) - late(b));
  return groups.map((g) => ({ entries: g.entries, reads: [...g.reads] }));
}

/** Every metric's rollups from all stored rows: what a full rebuild writes (tests' reference). */
export async function computeFullRollups(
  db: Kysely<Database>,
  timeZone: string,
  today: string | Date,
): Promise<DailyRow[]> {
  const data = await loadRawData(db, Object.keys(SOURCES) as (keyof RawData)[], null);
  const day = typeof today === 'string' ? today : dayOf(today, timeZone);
  return toRows(computeRollups(data, timeZone, day), null);
}

/** Every part of RawData (the full rebuild reads them all). */
const SOURCES: { [K in keyof RawData]: true } = {
  repos: true,
  stars: true,
  starHistory: true,
  snapshots: true,
  forkTimes: true,
  pullRequests: true,
  issues: true,
  contributions: true,
  contributorFirsts: true,
  forks: true,
  discordSnapshots: true,
  discordMembers: true,
  manual: true,
  discordActivity: true,
  discussions: true,
  trafficDays: true,
  releaseCounts: true,
  releaseFirstReads: true,
  packageDownloads: true,
  dockerPulls: true,
};

async function refreshChanged(
  db: Kysely<Database>,
  timeZone: string,
  today: string,
  plan: ReturnType<typeof planRefresh>,
  known: KeptWindows,
) {
  const planned = await refreshPlanned(db, timeZone, today, plan, known);
  const manual = plan.manual ? await refreshManual(db, timeZone, today) : 0;
  return { rows: planned.rows + manual, windows: planned.windows };
}

/** Manual metrics, each whole; a metric whose values were all deleted loses its rollups. */
async function refreshManual(db: Kysely<Database>, timeZone: string, today: string) {
  const data = await loadRawData(db, ['manual'], null);
  const series = computeManualRollups(data, timeZone, today);
  const byMetric = new Map<string, DailyRow[]>();
  for (const row of toRows(series, null)) {
    const list = byMetric.get(row.metric);
    if (list) list.push(row);
    else byMetric.set(row.metric, [row]);
  }
  for (const metric of await listRolledUpMetrics(db))
    if (metric.startsWith('manual.') && !byMetric.has(metric)) byMetric.set(metric, []);
  for (const [metric, wanted] of byMetric) await writeMetricRollups(db, metric, wanted);
  return series.reduce((n, s) => n + s.points.length, 0);
}
