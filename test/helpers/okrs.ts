/** Key results for tests: a metric and a target, the rest defaulted (this year's period, at least). */
import type { KeyResult } from '../../config/load.js';

export function keyResult(
  id: string,
  metric: string,
  target: number,
  extra: Partial<KeyResult> = {},
): KeyResult {
  return {
    id,
    objective: 'o',
    metric,
    label: metric,
    unit: 'count',
    direction: 'at_least',
    target,
    baseline: null,
    start: '2026-01-01',
    deadline: '2026-12-31',
    ...extra,
  };
}
