/**
 * What each metric counts, in a line a steering committee reads without the README: the report
 * ends with these for every metric it names ("Bus factor" alone tells a reader nothing). Each is
 * its registry entry's `description` (server/kpi/metrics); a manual metric's says it is recorded
 * by hand.
 */
import { findMetric } from '../kpi/metrics/index.js';
import type { ReportModel } from './model.js';

/** The line for a metric id (null: not a metric). */
export function metricDefinition(id: string): string | null {
  return findMetric(id)?.description ?? null;
}

/** Every metric the report names, by the label it goes by there, in that label's order. */
export function reportDefinitions(model: ReportModel): { label: string; definition: string }[] {
  const named = [
    ...model.objectives.flatMap((o) => o.keyResults.map((kr) => [kr.metricLabel, kr.metric])),
    ...model.health.map((m) => [m.label, m.id]),
  ];
  const byLabel = new Map<string, string>();
  for (const [label, id] of named) {
    const definition = metricDefinition(id!);
    if (definition && !byLabel.has(label!)) byLabel.set(label!, definition);
  }
  return [...byLabel]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, definition]) => ({ label, definition }));
}
