/**
 * The API's view of the metrics: OKR evaluation, metric summaries and series, all from the daily
 * rollups. The pure math is in ../kpi; this file reads and assembles.
 */
import type { Kysely } from 'kysely';
import type { KeyResult as KeyResultConfig, KeyResultScope, Objective } from '../../config/load.js';
import { findMetric, METRICS, type MetricDefinition } from '../kpi/metrics/index.js';
import { listRepos, listRolledUpMetrics, readDailySeries } from '../../db/queries/metrics.js';
import type { Database } from '../../db/schema.js';
import { addDays, dayOf } from '../../shared/dates.js';
import { oddsOfMeeting } from '../kpi/odds.js';
import { evaluateKeyResult } from '../kpi/okr.js';
import { evaluatePerPeriod } from '../kpi/per-period.js';
import { aggregate, trailingSums, type Interval, type Point } from '../kpi/series.js';
import type { MetricSummary } from '../schemas/metrics.js';
import type { KeyResult, OkrsResponse } from '../schemas/okrs.js';
import { readScopedSeries } from './scoped.js';

export const PER_PERIOD_DAYS = 7;
const RECENT_DAYS = 90;

/** A metric's daily series in a rollup scope, or for a key result's `repos:`/`contributors:`. */
function dailySeries(
  db: Kysely<Database>,
  metric: MetricDefinition,
  scope: string | KeyResultScope,
  to: string,
): Promise<Point[]> {
  return typeof scope === 'string'
    ? readDailySeries(db, metric.id, scope, undefined, to)
    : readScopedSeries(db, metric, scope, to);
}

/** The series a key result tracks, by day: per-period metrics as trailing 7-day sums. */
async function trackedSeries(
  db: Kysely<Database>,
  metric: MetricDefinition,
  scope: string | KeyResultScope,
  to: string,
): Promise<Point[]> {
  const daily = await dailySeries(db, metric, scope, to);
  return metric.kind === 'per_period' ? trailingSums(daily, PER_PERIOD_DAYS) : daily;
}

export async function evaluateOkrs(
  db: Kysely<Database>,
  project: string,
  okrs: readonly Objective[],
  timeZone: string,
  now: Date,
): Promise<OkrsResponse> {
  return evaluateOkrsOn(db, project, okrs, dayOf(now, timeZone), now);
}

/** The key results as they stood at the end of `today` (a report evaluates them at its period's end). */
export async function evaluateOkrsOn(
  db: Kysely<Database>,
  project: string,
  okrs: readonly Objective[],
  today: string,
  generatedAt: Date,
): Promise<OkrsResponse> {
  const objectives = await Promise.all(
    okrs.map(async (objective) => ({
      objective: objective.objective,
      keyResults: await Promise.all(objective.keyResults.map((kr) => evaluateOne(db, kr, today))),
    })),
  );
  return { project, generatedAt: generatedAt.toISOString(), objectives };
}

async function evaluateOne(
  db: Kysely<Database>,
  kr: KeyResultConfig,
  today: string,
): Promise<KeyResult> {
  const metric = findMetric(kr.metric)!;
  const since = addDays(today, -RECENT_DAYS + 1);
  const head = {
    id: kr.id,
    metric: kr.metric,
    fromReadings: metric.fromReadings,
    label: kr.label,
    unit: kr.unit,
    direction: kr.direction,
    target: kr.target,
  };
  if (kr.per && metric.kind === 'per_period') {
    const daily = await dailySeries(db, metric, kr.scope ?? 'all', today);
    const { periods, ...evaluation } = evaluatePerPeriod({ ...kr, per: kr.per }, daily, today);
    // The sparkline shows rolling totals over about one period, comparable with the target.
    const recent = trailingSums(daily, PERIOD_DAYS[kr.per]).filter((p) => p.t >= since);
    return { ...head, ...evaluation, periods, recent };
  }
  const series = await trackedSeries(db, metric, kr.scope ?? 'all', today);
  const evaluation = evaluateKeyResult(kr, series, today);
  const odds = oddsOfMeeting({
    ...kr,
    series,
    today,
    keepsWhenMet: metric.kind === 'level',
  });
  return {
    ...head,
    ...evaluation,
    probability: odds.probability,
    periods: null,
    recent: series.filter((p) => p.t >= since),
  };
}

const PERIOD_DAYS = { week: 7, month: 30, quarter: 91 } as const;

export async function summarizeMetrics(
  db: Kysely<Database>,
  timeZone: string,
  now: Date,
  /** Name manual metrics as the key results that track them do ("Annual recurring revenue", USD). */
  okrs: readonly Objective[] = [],
): Promise<MetricSummary[]> {
  const today = dayOf(now, timeZone);
  // Every catalog metric (a page can show it waiting for data) and the manual ones with data.
  const ids = new Set([...METRICS.map((m) => m.id), ...(await listRolledUpMetrics(db))]);
  const since = addDays(today, -RECENT_DAYS + 1);
  const summaries = await Promise.all(
    [...ids].map(async (id): Promise<MetricSummary | null> => {
      const metric = findMetric(id);
      if (!metric) return null;
      const tracked = await trackedSeries(db, metric, 'all', today);
      const series = tracked.filter((p) => p.v !== null);
      const last = series.at(-1);
      const current = last?.v ?? null;
      // From the last day with a figure (a day whose downloads are not out yet has none).
      const ago = (days: number) => {
        const day = addDays(last?.t ?? today, -days);
        const point = [...series].reverse().find((p) => p.t <= day);
        return current === null || !point || point.v === null ? null : current - point.v;
      };
      return {
        id,
        ...namedMetric(metric, okrs),
        description: metric.description,
        kind: metric.kind,
        area: metric.area,
        fromReadings: metric.fromReadings,
        current,
        change7d: ago(7),
        change30d: ago(30),
        recent: tracked.filter((p) => p.t >= since),
      };
    }),
  );
  return summaries
    .filter((s): s is MetricSummary => s !== null)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The tracked repositories, for the per-repo filter. */
export async function listTrackedRepos(db: Kysely<Database>) {
  return (await listRepos(db)).map((r) => ({ id: r.id, fullName: r.full_name }));
}

export async function readSeries(
  db: Kysely<Database>,
  metric: MetricDefinition,
  scope: string,
  range: { from?: string; to?: string },
  interval: Interval,
): Promise<Point[]> {
  const daily = await readDailySeries(db, metric.id, scope, range.from, range.to);
  return aggregate(daily, interval, metric.kind);
}

/**
 * A metric's label and unit; a manual metric is named as the first key result tracking it names
 * it ("Annual recurring revenue", USD), not by its id.
 */
export function namedMetric(
  metric: MetricDefinition,
  okrs: readonly Objective[],
): { label: string; unit: string } {
  const kr =
    metric.source === 'manual'
      ? okrs.flatMap((o) => o.keyResults).find((k) => k.metric === metric.id)
      : undefined;
  return { label: kr?.label ?? metric.label, unit: kr?.unit ?? metric.unit };
}
