/**
 * The metric registry: every metric Pulseboard computes, one entry each (README "Adding a metric").
 * The refresh is a loop over the entries; config validation, the API, digests and reports read
 * their definitions.
 */
import type { Point } from '../series.js';
import { contributorMetrics } from './contributors.js';
import {
  captureDayOf,
  createRollupContext,
  definitionOf,
  withWindows,
  type IncrementalSpan,
  type WindowStore,
} from './context.js';
import { discordMetrics } from './discord.js';
import { downloadMetrics } from './downloads.js';
import { growthMetrics } from './growth.js';
import { releaseMetrics, trafficMetrics } from './traffic.js';
import { manualDefinition, manualSeries } from './manual.js';
import type { RawData } from './raw-data.js';
import { ratioMetrics } from './ratios.js';
import { discordActivityMetrics, discussionMetrics } from './talk.js';
import type { MetricDefinition, MetricEntry } from './types.js';
import { issueMetrics, pullRequestMetrics } from './work-items.js';

export type * from './types.js';
export { EMPTY_RAW_DATA, type RawData } from './raw-data.js';
export { METRIC_AREAS } from './types.js';
export { MANUAL_METRIC } from './manual.js';
export { captureDayOf, statesToSave, type IncrementalSpan, type WindowStore } from './context.js';

export const REGISTRY: readonly MetricEntry[] = Object.freeze([
  ...growthMetrics,
  ...contributorMetrics,
  ...pullRequestMetrics,
  ...issueMetrics,
  ...ratioMetrics,
  ...discordMetrics,
  ...discordActivityMetrics,
  ...discussionMetrics,
  ...trafficMetrics,
  ...releaseMetrics,
  ...downloadMetrics,
]);

/** The catalog: every registry entry's definition, in the registry's order. */
export const METRICS: readonly MetricDefinition[] = Object.freeze(REGISTRY.map(definitionOf));

const byId = new Map(METRICS.map((metric) => [metric.id, metric]));

/** A catalog metric or a `manual.<name>` one; undefined for an unknown id. */
export function findMetric(id: string): MetricDefinition | undefined {
  return byId.get(id) ?? manualDefinition(id);
}

export interface MetricSeries {
  metric: string;
  scope: string;
  points: Point[];
}

/**
 * Every metric as daily series from the stored rows, up to `today` in `timeZone`. `windows`, when
 * given, receives the window states to keep of each `keepsWindow` entry (metric → scope → state).
 */
export function computeRollups(
  data: RawData,
  timeZone: string,
  today: string,
  entries: readonly MetricEntry[] = REGISTRY,
  windows?: Map<string, Map<string, unknown>>,
): MetricSeries[] {
  const ctx = createRollupContext(data, timeZone, today);
  const captureDay = captureDayOf(today);
  return [
    ...entries.flatMap((entry) => {
      const saved = new Map<string, unknown>();
      if (entry.keepsWindow && windows) windows.set(entry.id, saved);
      const store = entry.keepsWindow ? { day: null, states: new Map(), captureDay, saved } : null;
      return entry
        .compute(data, withWindows(ctx, store))
        .map((series) => ({ metric: entry.id, ...series }));
    }),
    ...manualSeries(data, ctx),
  ];
}

/**
 * One entry's series, for an incremental refresh: its days from `span.from` on are exact when the
 * entry is `incremental` and `data` was loaded from its window's start before that day. `memos`
 * shares views of the rows between the entries of one refresh that recompute from the same day.
 */
export function computeMetric(
  entry: MetricEntry,
  data: RawData,
  timeZone: string,
  today: string,
  span: IncrementalSpan | null,
  windows: WindowStore | null = null,
  memos?: Map<string, unknown>,
): MetricSeries[] {
  const ctx = createRollupContext(data, timeZone, today, span, windows, memos);
  return entry.compute(data, ctx).map((series) => ({ metric: entry.id, ...series }));
}

/** The manual metrics' series (each recomputed whole: a few values a day at most). */
export function computeManualRollups(data: RawData, timeZone: string, today: string) {
  return manualSeries(data, createRollupContext(data, timeZone, today));
}
