/** A report built by hand, for the renderers' tests. */
import type { ReportKeyResult, ReportModel } from '../../server/report/model.js';
import { summarize } from '../../server/report/summary.js';

/** An active-contributors target at risk. */

export const reportKeyResult = (over: Partial<ReportKeyResult> = {}): ReportKeyResult => ({
  id: 'active',
  metric: 'github.contributors.active',
  fromReadings: false,
  label: 'Active contributors',
  unit: 'people',
  direction: 'at_least',
  target: 400,
  baseline: 208,
  baselineFrom: { source: 'period_start', day: '2026-01-01' },
  current: 370,
  expected: null,
  progress: 0.84375,
  status: 'at_risk',
  forecast: 397,
  probability: null,
  periods: null,
  eta: null,
  start: '2026-01-01',
  deadline: '2026-12-31',
  metricLabel: 'Active contributors',
  kind: 'window',
  better: 'at_least',
  series: [],
  previous: { current: 307, status: 'off_track' },
  historyFrom: '2025-01-01',
  noValue: null,
  ...over,
});

/** A report of 2026Q1 (compared with 2025Q4) on `objectives` and `health`, its summary from them. */
export function reportModel(
  objectives: ReportModel['objectives'],
  health: ReportModel['health'] = [],
  over: Partial<ReportModel> = {},
): ReportModel {
  return {
    project: 'Rocket',
    generatedAt: '2026-04-02T08:00:00.000Z',
    from: '2026-01-01',
    to: '2026-03-31',
    quarter: '2026Q1',
    asOf: '2026-03-31',
    previous: { from: '2025-10-01', to: '2025-12-31' },
    interval: 'week',
    summary: summarize(
      objectives.flatMap((o) => o.keyResults),
      health,
    ),
    objectives,
    health,
    ...over,
  };
}
