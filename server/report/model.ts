/**
 * One report model for the steering committee, rendered as Markdown, CSV, JSON, HTML and PDF: the key
 * results as they stood at the end of the period (from the daily rollups, not today's values), the
 * same as of the end of the previous period, each key result's metric over the period, and the
 * health metrics no key result tracks. The summary (counts, movers, changes) is pure: summary.ts.
 */
import type { Kysely } from 'kysely';
import type { Objective } from '../../config/load.js';
import { findMetric, type Direction, type MetricKind } from '../kpi/metrics/index.js';
import { listRolledUpMetrics, readDailySeries } from '../../db/queries/metrics.js';
import type { Database } from '../../db/schema.js';
import { daysBetween } from '../../shared/dates.js';
import { aggregate, type Interval, type Point } from '../kpi/series.js';
import { evaluateOkrsOn } from '../metrics/read.js';
import type { KeyResult } from '../schemas/okrs.js';
import { comparedRange, periodValue, summarize, type ReportSummary } from './summary.js';
import type { ReportRange } from './period.js';

export interface ReportKeyResult extends Omit<KeyResult, 'recent'> {
  /** What the metric is called (the key result's own label may differ). */
  metricLabel: string;
  kind: MetricKind;
  better: Direction;
  /** The metric over the report's period, by `interval` (per-period metrics: sums). */
  series: Point[];
  /** The key result as it stood at the end of the previous period. */
  previous: Pick<KeyResult, 'current' | 'status'>;
}

/** A metric over the period: its value (per-period metrics: the period's total) and the previous one's. */
export interface ReportMetric {
  id: string;
  label: string;
  unit: string;
  kind: MetricKind;
  better: Direction;
  value: number | null;
  previous: number | null;
}

export interface ReportModel {
  project: string;
  generatedAt: string;
  from: string;
  to: string;
  quarter: string | null;
  /** The day the key results are evaluated on. */
  asOf: string;
  previous: { from: string; to: string };
  interval: Interval;
  summary: ReportSummary;
  objectives: { objective: string; keyResults: ReportKeyResult[] }[];
  /** The metrics with data that no key result tracks. */
  health: ReportMetric[];
}

export interface ReportSettings {
  project: string;
  timezone: string;
  okrs: readonly Objective[];
}

export const reportInterval = (range: { from: string; to: string }): Interval =>
  daysBetween(range.from, range.to) <= 120 ? 'week' : 'month';

export async function buildReport(
  db: Kysely<Database>,
  settings: ReportSettings,
  range: ReportRange,
  now: Date,
): Promise<ReportModel> {
  const interval = reportInterval(range);
  const compared = comparedRange(range);
  const [okrs, before] = await Promise.all([
    evaluateOkrsOn(db, settings.project, settings.okrs, range.asOf, now),
    evaluateOkrsOn(db, settings.project, settings.okrs, compared.to, now),
  ]);
  const previousById = new Map(
    before.objectives.flatMap((o) => o.keyResults).map((kr) => [kr.id, kr]),
  );
  const objectives = await Promise.all(
    okrs.objectives.map(async (o) => ({
      objective: o.objective,
      keyResults: await Promise.all(
        o.keyResults.map(async ({ recent: _recent, ...kr }): Promise<ReportKeyResult> => {
          const metric = findMetric(kr.metric)!;
          const daily = await readDailySeries(db, metric.id, 'all', range.from, range.asOf);
          const then = previousById.get(kr.id);
          return {
            ...kr,
            metricLabel: metric.source === 'manual' ? kr.label : metric.label,
            kind: metric.kind,
            better: kr.direction,
            series: aggregate(daily, interval, metric.kind),
            previous: { current: then?.current ?? null, status: then?.status ?? 'no_data' },
          };
        }),
      ),
    })),
  );
  const tracked = new Set(settings.okrs.flatMap((o) => o.keyResults.map((kr) => kr.metric)));
  const health = await readHealthMetrics(db, range, tracked);
  const keyResultMetrics = await readHealthMetrics(db, range, null, settings.okrs);
  return {
    project: settings.project,
    generatedAt: now.toISOString(),
    from: range.from,
    to: range.to,
    quarter: range.quarter,
    asOf: range.asOf,
    previous: range.previous,
    interval,
    summary: summarize(
      objectives.flatMap((o) => o.keyResults),
      [...keyResultMetrics, ...health],
    ),
    objectives,
    health,
  };
}

/**
 * The period's value and the previous period's of each metric with data; `exclude` leaves out the
 * key results' metrics, `only` keeps just those (with the key results' labels and units).
 */
async function readHealthMetrics(
  db: Kysely<Database>,
  range: ReportRange,
  exclude: ReadonlySet<string> | null,
  only?: readonly Objective[],
): Promise<ReportMetric[]> {
  const compared = comparedRange(range);
  const wanted = only
    ? [...new Map(only.flatMap((o) => o.keyResults).map((kr) => [kr.metric, kr])).values()].map(
        (kr) => ({ id: kr.metric, label: kr.label, unit: kr.unit as string }),
      )
    : (await listRolledUpMetrics(db))
        .filter((id) => !exclude?.has(id))
        .map((id) => findMetric(id))
        .filter((m) => m !== undefined)
        .map((m) => ({ id: m.id, label: m.label, unit: m.unit as string }));
  const metrics = await Promise.all(
    wanted.map(async ({ id, label, unit }): Promise<ReportMetric> => {
      const metric = findMetric(id)!;
      const daily = await readDailySeries(db, id, 'all', undefined, range.asOf);
      return {
        id,
        label,
        unit,
        kind: metric.kind,
        better: metric.better,
        value: periodValue(daily, metric.kind, { from: range.from, to: range.asOf }),
        previous: periodValue(daily, metric.kind, compared),
      };
    }),
  );
  // A metric with no value in either period (a snapshot series begun later) says nothing here.
  return metrics
    .filter((m) => m.value !== null || m.previous !== null)
    .sort((a, b) => a.label.localeCompare(b.label));
}
