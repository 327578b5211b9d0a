/**
 * Badges and charts from what the dashboard already shows publicly: the evaluated key results
 * (`/api/okrs`) and the metric summaries and series (`/api/metrics`). Null: no such key result or
 * metric (the route answers 404).
 */
import type { Kysely } from 'kysely';
import { findMetric } from '../kpi/metrics/index.js';
import { listRolledUpMetrics, readDailySeries } from '../../db/queries/metrics.js';
import type { Database } from '../../db/schema.js';
import { addDays } from '../../shared/dates.js';
import { trailingSums } from '../kpi/series.js';
import { formatValue, keyResultValue, STATUS_LABEL, targetText } from '../../shared/format.js';
import { PER_PERIOD_DAYS } from '../metrics/read.js';
import type { MetricSummary } from '../schemas/metrics.js';
import type { KeyResult, OkrsResponse } from '../schemas/okrs.js';
import { renderBadge, renderChart } from './svg.js';

/** shields.io's palette, by key-result status. */
export const STATUS_COLOUR: Record<KeyResult['status'], string> = {
  achieved: '#44cc11',
  on_track: '#97ca00',
  at_risk: '#dfb317',
  off_track: '#fe7d37',
  missed: '#e05d44',
  no_data: '#9f9f9f',
};
const NEUTRAL = '#007ec6';

export const CHART_RANGES = { '30d': 30, '90d': 90, '6m': 182, '1y': 365, '2y': 730, '5y': 1826 };
export type ChartRange = keyof typeof CHART_RANGES;

export function keyResultBadge(okrs: OkrsResponse, id: string): string | null {
  const kr = okrs.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id);
  if (!kr) return null;
  return renderBadge({
    label: kr.label,
    value: `${keyResultValue(kr, kr.current)} · ${STATUS_LABEL[kr.status].toLowerCase()}`,
    colour: STATUS_COLOUR[kr.status],
  });
}

/** The first key result that tracks `metric`: its target line and its status colour. */
function targeting(okrs: OkrsResponse, metric: string): KeyResult | undefined {
  return okrs.objectives.flatMap((o) => o.keyResults).find((k) => k.metric === metric);
}

/** A metric the catalog knows, or a manual metric with values; null otherwise. */
async function knownMetric(db: Kysely<Database>, id: string) {
  const metric = findMetric(id);
  if (!metric) return null;
  if (metric.source === 'manual' && !(await listRolledUpMetrics(db)).includes(id)) return null;
  return metric;
}

export async function metricBadge(
  db: Kysely<Database>,
  okrs: OkrsResponse,
  summaries: readonly MetricSummary[],
  id: string,
): Promise<string | null> {
  const metric = await knownMetric(db, id);
  if (!metric) return null;
  const summary = summaries.find((s) => s.id === id);
  const current = summary?.current ?? null;
  const kr = targeting(okrs, id);
  return renderBadge({
    label: metric.label,
    value: current === null ? 'no data' : formatValue(current, metric.unit),
    colour: current === null ? STATUS_COLOUR.no_data : kr ? STATUS_COLOUR[kr.status] : NEUTRAL,
  });
}

export async function metricChart(
  db: Kysely<Database>,
  okrs: OkrsResponse,
  id: string,
  range: ChartRange,
  today: string,
): Promise<string | null> {
  const metric = await knownMetric(db, id);
  if (!metric) return null;
  const days = CHART_RANGES[range];
  const from = addDays(today, -days + 1);
  // Per-period metrics are drawn as trailing 7-day sums: the value their key results track.
  const perPeriod = metric.kind === 'per_period';
  const daily = await readDailySeries(
    db,
    id,
    'all',
    addDays(from, perPeriod ? -PER_PERIOD_DAYS : 0),
    today,
  );
  const tracked = (perPeriod ? trailingSums(daily, PER_PERIOD_DAYS) : daily).filter(
    (p) => p.t >= from,
  );
  // Beyond a year, one point a week is plenty for 480 pixels.
  const points =
    days > 365 ? tracked.filter((_, i) => (tracked.length - 1 - i) % 7 === 0) : tracked;
  const kr = targeting(okrs, id);
  const latest = tracked.findLast((p) => p.v !== null)?.v ?? null;
  return renderChart({
    title: metric.label,
    current: formatValue(latest, metric.unit),
    points,
    target: kr ? { value: kr.target, text: `target ${targetText(kr)}` } : null,
    format: (v) => formatValue(v, metric.unit),
    colour: kr ? STATUS_COLOUR[kr.status] : NEUTRAL,
  });
}
