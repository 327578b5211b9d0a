/**
 * The report's executive summary, pure: how many key results stand where, which metrics moved most
 * against the previous period, and which key results changed status since then.
 */
import type { MetricKind } from '../kpi/metrics/index.js';
import { addDays, daysBetween } from '../../shared/dates.js';
import type { Point } from '../kpi/series.js';
import type { KeyResult } from '../schemas/okrs.js';
import type { ReportRange } from './period.js';
import type { ReportKeyResult, ReportMetric } from './model.js';

export type Status = KeyResult['status'];

export interface ReportMover {
  label: string;
  unit: string;
  kind: MetricKind;
  previous: number;
  value: number;
  /** value − previous. */
  change: number;
  /** change ÷ |previous|. */
  relative: number;
  /** Whether the change goes the metric's better way. */
  good: boolean;
}

export interface ReportChange {
  label: string;
  unit: string;
  before: Status;
  after: Status;
  valueBefore: number | null;
  valueAfter: number | null;
}

export interface ReportSummary {
  total: number;
  counts: Record<Status, number>;
  movers: ReportMover[];
  /** Key results whose status differs from the end of the previous period. */
  changes: ReportChange[];
}

/** Statuses from best to worst: the order the summary lists them in. */
export const STATUS_ORDER: readonly Status[] = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'missed',
  'no_data',
];
const MOVERS = 4;

/**
 * The previous period's days to compare with: all of it, or while this period is still running,
 * as many of its first days as have passed of this one (a half-finished quarter's total against a
 * whole quarter's would always look like a drop). A finished period takes all of the previous one
 * even when their lengths differ: Q1's 90 days counted into Q4 would end it on Dec 29.
 */
export function comparedRange(range: ReportRange): { from: string; to: string } {
  if (range.asOf >= range.to) return { from: range.previous.from, to: range.previous.to };
  const elapsed = daysBetween(range.from, range.asOf);
  const to = addDays(range.previous.from, elapsed);
  return { from: range.previous.from, to: to < range.previous.to ? to : range.previous.to };
}

/**
 * A metric's value for a period: per-period metrics add up over its days; levels and windows take the
 * last known value at its end. Null without data.
 */
export function periodValue(
  daily: readonly Point[],
  kind: MetricKind,
  range: { from: string; to: string },
): number | null {
  if (kind === 'per_period') {
    const inside = daily.filter((p) => p.t >= range.from && p.t <= range.to && p.v !== null);
    return inside.length === 0 ? null : inside.reduce((sum, p) => sum + p.v!, 0);
  }
  let value: number | null = null;
  for (const p of daily) {
    if (p.t > range.to) break;
    if (p.v !== null) value = p.v;
  }
  return value;
}

export function summarize(
  keyResults: readonly ReportKeyResult[],
  metrics: readonly ReportMetric[],
): ReportSummary {
  const counts = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<Status, number>;
  for (const kr of keyResults) counts[kr.status]++;
  const movers = metrics
    .filter((m) => m.value !== null && m.previous !== null && m.previous !== 0)
    .map((m): ReportMover => {
      const change = m.value! - m.previous!;
      return {
        label: m.label,
        unit: m.unit,
        kind: m.kind,
        previous: m.previous!,
        value: m.value!,
        change,
        relative: change / Math.abs(m.previous!),
        good: m.better === 'at_least' ? change > 0 : change < 0,
      };
    })
    .filter((m) => m.change !== 0)
    .sort((a, b) => Math.abs(b.relative) - Math.abs(a.relative) || a.label.localeCompare(b.label))
    .slice(0, MOVERS);
  const changes = keyResults
    .filter((kr) => kr.previous.status !== kr.status)
    .map((kr) => ({
      label: kr.label,
      unit: kr.unit,
      before: kr.previous.status,
      after: kr.status,
      valueBefore: kr.previous.current,
      valueAfter: kr.current,
    }));
  return { total: keyResults.length, counts, movers, changes };
}
