/** Plain-array rows for the registry's unit tests: empty tables, with what a test sets. */
import { EMPTY_RAW_DATA, type RawData } from '../../../../../server/kpi/metrics/index.js';

export function rawData(parts: Partial<RawData> = {}): RawData {
  return { ...EMPTY_RAW_DATA, ...parts };
}

/** `{ day: value }` of one metric's series in one scope, from computeRollups' output. */
export function valuesOf(
  series: readonly { metric: string; scope: string; points: { t: string; v: number | null }[] }[],
  metric: string,
  scope = 'all',
): Record<string, number | null> {
  const found = series.find((s) => s.metric === metric && s.scope === scope);
  return Object.fromEntries((found?.points ?? []).map((p) => [p.t, p.v]));
}
