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
  listScopesOnDay,
  replaceDailyMetrics,
  stampRollupVersion,
  writeMetricRollups,
  type DailyRow,
} from '../../db/queries/metrics.js';
import {
  findRollupBasis,
  saveRollupBasis,
  settleRollupChanges,
  takeRollupChanges,
} from '../../db/queries/rollup-changes.js';
import type { Database } from '../../db/schema.js';
import { addDays, dayOf } from '../../shared/dates.js';
import {
  computeManualRollups,
  computeMetric,
  computeRollups,
  REGISTRY,
  type MetricSeries,
  type RawData,
} from '../kpi/metrics/index.js';
import { loadRawData } from './refresh-loaders.js';
import { planRefresh, type MetricPlan } from './refresh-plan.js';

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

const toRows = (series: readonly MetricSeries[], since: string | null): DailyRow[] =>
  series.flatMap((s) =>
    s.points
      .filter((p) => since === null || p.t >= since)
      .map((p) => ({ metric: s.metric, scope: s.scope, day: p.t, value: p.v })),
  );

async function rebuild(
  db: Kysely<Database>,
  timeZone: string,
  today: string,
  version: string,
  at: string,
): Promise<number> {
  const rows = await computeFullRollups(db, timeZone, today);
  await replaceDailyMetrics(db, rows, version, at);
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
  let rows = 0;
  // Metrics that read the same tables from the same day share one load.
  const groups = new Map<string, MetricPlan[]>();
  for (const metric of plan.metrics) {
    const key = `${metric.since ?? 'whole'}|${[...metric.entry.reads].sort().join(',')}`;
    const group = groups.get(key);
    if (group) group.push(metric);
    else groups.set(key, [metric]);
  }
  // Each table is read once, from the earliest day a metric reading it needs (more rows than a
  // metric needs change none of its recomputed days).
  const bounds = new Map<keyof RawData, string | null>();
  for (const { entry, since } of plan.metrics) {
    // Two days more: a UTC instant's project day can be the day before or after its UTC day.
    const from = since === null ? null : addDays(since, -((entry.windowDays ?? 0) + 2));
    for (const read of entry.reads) {
      const known = bounds.get(read);
      bounds.set(
        read,
        known === undefined
          ? from
          : known === null || from === null
            ? null
            : known < from
              ? known
              : from,
      );
    }
  }
  const data = await loadRawData(db, [...bounds.keys()], bounds);
  for (const group of groups.values()) {
    const { since } = group[0]!;
    const stored =
      since === null
        ? null
        : await listScopesOnDay(
            db,
            group.map((m) => m.entry.id),
            addDays(since, -1),
          );
    for (const { entry } of group) {
      const span =
        since === null || stored === null
          ? null
          : { from: since, established: stored.get(entry.id) ?? new Set<string>() };
      const computed = toRows(computeMetric(entry, data, timeZone, today, span), since);
      await writeMetricRollups(db, entry.id, computed, since);
      rows += computed.length;
    }
  }
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
