/**
 * One report model for the steering committee, rendered as Markdown, CSV, JSON, HTML and PDF: the key
 * results as they stood at the end of the period (from the daily rollups, not today's values), the
 * same as of the end of the previous period, each key result's metric over the period, and the
 * health metrics no key result tracks. The summary (counts, movers, changes) is pure: summary.ts.
 */
import type { Kysely } from 'kysely';
import type { Objective } from '../../config/load.js';
import { findMetric, METRICS, type Direction, type MetricKind } from '../kpi/metrics/index.js';
import { listRolledUpMetrics, readDailySeries } from '../../db/queries/metrics.js';
import type { Database } from '../../db/schema.js';
import { daysBetween } from '../../shared/dates.js';
import { collectionSourceOf } from '../../shared/format.js';
import { aggregate, type Interval, type Point } from '../kpi/series.js';
import { evaluateOkrsOn } from '../metrics/read.js';
import type { KeyResult } from '../schemas/okrs.js';
import { findCollectedSources, findFirstDays, whyNoValue } from './no-value.js';
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
  /** The first day the metric has a value (null: none yet): a later one explains a missing value. */
  historyFrom: string | null;
  /** Without a value at the period's end, why (shared/format.ts noValueText, or history from …). */
  noValue: string | null;
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
  historyFrom: string | null;
  /** Without a value, why: as for a key result. */
  noValue: string | null;
}

export interface ReportModel {
  project: string;
  generatedAt: string;
  from: string;
  to: string;
  quarter: string | null;
  /** The day the key results are evaluated on. */
  asOf: string;
  /** The days compared with: the previous period, or while this one runs as many of its first days. */
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
  const [okrs, before, collected, firstDays] = await Promise.all([
    evaluateOkrsOn(db, settings.project, settings.okrs, range.asOf, now),
    evaluateOkrsOn(db, settings.project, settings.okrs, compared.to, now),
    findCollectedSources(db),
    findFirstDays(db),
  ]);
  const history = { collected, firstDays, asOf: range.asOf };
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
            historyFrom: firstDays.get(metric.id) ?? null,
            noValue: kr.current === null ? noValue(metric.id, history) : null,
          };
        }),
      ),
    })),
  );
  const tracked = new Set(settings.okrs.flatMap((o) => o.keyResults.map((kr) => kr.metric)));
  const health = await readHealthMetrics(db, range, history, tracked);
  const keyResultMetrics = await readHealthMetrics(db, range, history, null, settings.okrs);
  return {
    project: settings.project,
    generatedAt: now.toISOString(),
    from: range.from,
    to: range.to,
    quarter: range.quarter,
    asOf: range.asOf,
    // The days actually compared: a running period's values are set against as many days of the
    // previous one, and the report must name those, not the whole previous period.
    previous: compared,
    interval,
    summary: summarize(
      objectives.flatMap((o) => o.keyResults),
      [...keyResultMetrics, ...health],
    ),
    objectives,
    health,
  };
}

interface History {
  collected: ReadonlySet<string>;
  firstDays: ReadonlyMap<string, string>;
  asOf: string;
}

const noValue = (id: string, h: History) =>
  whyNoValue(id, h.collected, { first: h.firstDays.get(id) ?? null, asOf: h.asOf, withYear: true });

/**
 * The period's value and the previous period's of each metric with data, and of each catalog
 * metric whose source has collected but that has no value (saying why); `exclude` leaves out the
 * key results' metrics, `only` keeps just those (with the key results' labels and units).
 */
async function readHealthMetrics(
  db: Kysely<Database>,
  range: ReportRange,
  history: History,
  exclude: ReadonlySet<string> | null,
  only?: readonly Objective[],
): Promise<ReportMetric[]> {
  const compared = comparedRange(range);
  const ids = new Set([
    ...(await listRolledUpMetrics(db)),
    ...METRICS.filter((m) => history.collected.has(collectionSourceOf(m.id))).map((m) => m.id),
  ]);
  const wanted = only
    ? [...new Map(only.flatMap((o) => o.keyResults).map((kr) => [kr.metric, kr])).values()].map(
        (kr) => ({ id: kr.metric, label: kr.label, unit: kr.unit as string }),
      )
    : [...ids]
        .filter((id) => !exclude?.has(id))
        .map((id) => findMetric(id))
        .filter((m) => m !== undefined)
        .map((m) => ({ id: m.id, label: m.label, unit: m.unit as string }));
  const metrics = await Promise.all(
    wanted.map(async ({ id, label, unit }): Promise<ReportMetric> => {
      const metric = findMetric(id)!;
      const daily = await readDailySeries(db, id, 'all', undefined, range.asOf);
      const value = periodValue(daily, metric.kind, { from: range.from, to: range.asOf });
      const first = history.firstDays.get(id) ?? null;
      // A total over a previous period the history covers only in part is no comparison.
      const partly = metric.kind === 'per_period' && first !== null && first > compared.from;
      const previous = partly ? null : periodValue(daily, metric.kind, compared);
      const none = value === null && previous === null;
      return {
        id,
        label,
        unit,
        kind: metric.kind,
        better: metric.better,
        value,
        previous,
        historyFrom: first,
        noValue: none ? noValue(id, history) : null,
      };
    }),
  );
  // The key results' metrics count only with a value (for the movers); the others say why not.
  return metrics
    .filter((m) => !only || m.noValue === null)
    .sort((a, b) => a.label.localeCompare(b.label));
}
