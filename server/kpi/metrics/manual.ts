/**
 * Manual metrics (`manual.<name>`): values a team records itself (`pulseboard record`, the API),
 * carried forward from each recorded day. Their ids are the team's, so they have no static entry:
 * the definition is made from the id (labelled in words: shared/metric-labels.ts), and the config's
 * key result gives the label and unit.
 */
import { manualMetricLabel } from '../../../shared/metric-labels.js';
import { carryForward } from '../series.js';
import type { RawData } from './raw-data.js';
import type { MetricDefinition, RollupContext } from './types.js';

/** `manual.<name>`: lower-case letters, digits, `_` and `-`, e.g. `manual.arr`. */
export const MANUAL_METRIC = /^manual\.[a-z0-9][a-z0-9_-]*$/;

export function manualDefinition(id: string): MetricDefinition | undefined {
  if (!MANUAL_METRIC.test(id)) return undefined;
  return {
    id,
    source: 'manual',
    label: manualMetricLabel(id.slice('manual.'.length)),
    description: 'A figure the team records by hand; each holds until the next.',
    unit: 'count',
    kind: 'level',
    area: 'business',
    better: 'at_least',
    windowDays: null,
    fromReadings: false,
  };
}

/** Each recorded metric's series (scope `all`), from its first recorded day to today. */
export function manualSeries(data: RawData, ctx: RollupContext) {
  const byMetric = new Map<string, Map<string, number>>();
  for (const m of data.manual) {
    const values = byMetric.get(m.metric) ?? new Map<string, number>();
    values.set(m.at, m.value);
    byMetric.set(m.metric, values);
  }
  return [...byMetric].flatMap(([metric, values]) => {
    const range = ctx.span([...values.keys()]);
    return range ? [{ metric, scope: 'all', points: carryForward(values, ...range) }] : [];
  });
}
