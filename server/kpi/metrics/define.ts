/** The one way to write a registry entry: defaults filled, the source read off the id. */
import type { MetricEntry, MetricSource } from './types.js';

type EntryInput = Omit<MetricEntry, 'source' | 'better' | 'windowDays' | 'fromReadings'> &
  Partial<Pick<MetricEntry, 'better' | 'windowDays' | 'fromReadings'>>;

export function defineMetric(input: EntryInput): MetricEntry {
  const source = input.id.split('.')[0] as MetricSource;
  if (input.kind === 'window' && !input.windowDays)
    throw new Error(`${input.id}: a window metric needs windowDays`);
  return Object.freeze({
    better: 'at_least',
    windowDays: null,
    fromReadings: false,
    ...input,
    source,
  });
}
