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
  listRolledUpMetrics,
  replaceDailyMetrics,
  stampRollupVersion,
  writeMetricRollups,
  type DailyRow,
} from '../../db/queries/metrics.js';
import { saveWindowStates } from '../../db/queries/rollup-windows.js';
import {
  findRollupBasis,
  saveRollupBasis,
  settleRollupChanges,
  takeRollupChanges,
} from '../../db/queries/rollup-changes.js';
import type { Database } from '../../db/schema.js';
import { dayOf } from '../../shared/dates.js';
import {
  captureDayOf,
  computeManualRollups,
  computeRollups,
  REGISTRY,
  type RawData,
} from '../kpi/metrics/index.js';
import { refreshPlanned, toRows } from './refresh-incremental.js';
import { loadRawData } from './refresh-loaders.js';
import { planRefresh } from './refresh-plan.js';

export interface RefreshOptions {
  /** Recompute every metric from all stored rows. */
  full?: boolean;
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
  // A version that changes at every refresh, even two within the same millisecond.
  const version = `${at}#${randomUUID()}`;
  let rows: number;
  if (options.full || basis === null || basis.timeZone !== timeZone) {
    rows = await rebuild(db, timeZone, today, version, at);
  } else {
    const plan = planRefresh(REGISTRY, touched, basis.today, today, timeZone);
    rows = await refreshChanged(db, timeZone, today, plan);
    await stampRollupVersion(db, version, at, `${rows} rows recomputed`);
  }
  await saveRollupBasis(db, { today, timeZone }, at);
  await settleRollupChanges(db);
  return rows;
}

async function rebuild(
  db: Kysely<Database>,
  timeZone: string,
  today: string,
  version: string,
  at: string,
): Promise<number> {
  const data = await loadRawData(db, Object.keys(SOURCES) as (keyof RawData)[], null);
  const windows = new Map<string, Map<string, unknown>>();
  const rows = toRows(computeRollups(data, timeZone, today, REGISTRY, windows), null);
  await replaceDailyMetrics(db, rows, version, at);
  await saveWindowStates(db, captureDayOf(today), windows, false);
  return rows.length;
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
  pullRequests: true,
  issues: true,
  contributions: true,
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
): Promise<number> {
  let rows = await refreshPlanned(db, timeZone, today, plan);
  if (plan.manual) rows += await refreshManual(db, timeZone, today);
  return rows;
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
