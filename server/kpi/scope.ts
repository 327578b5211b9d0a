/**
 * Series for a key result's scope (`contributors:`, `repos:`), pure. Contributor metrics are
 * computed from the contributions themselves, so a person active in two repositories counts once;
 * counts and levels of several repositories add up day by day.
 */
import { dayOf } from '../../shared/dates.js';
import { ACTIVE_WINDOW_DAYS, BUS_FACTOR_WINDOW_DAYS } from './metrics/contributors.js';
import {
  cumulativeCounts,
  dailyCounts,
  windowBusFactor,
  windowDistinct,
  type Point,
} from './series.js';

export interface Contribution {
  contributor: string;
  at: string;
}

/**
 * A contributor metric's daily series over `contributions` (already narrowed to the scope), from
 * the first contribution's day to `today`; [] when there is none.
 */
export function contributorSeries(
  metric: string,
  contributions: readonly Contribution[],
  timeZone: string,
  today: string,
): Point[] {
  const items = contributions.map((c) => ({ day: dayOf(c.at, timeZone), key: c.contributor }));
  if (items.length === 0) return [];
  const from = items.reduce((first, c) => (c.day < first ? c.day : first), items[0]!.day);
  if (from > today) return [];
  const firstDays = new Map<string, string>();
  for (const c of items) {
    const known = firstDays.get(c.key);
    if (known === undefined || c.day < known) firstDays.set(c.key, c.day);
  }
  switch (metric) {
    case 'github.contributions':
      return dailyCounts(
        items.map((c) => c.day),
        from,
        today,
      );
    case 'github.contributors':
      return cumulativeCounts([...firstDays.values()], from, today);
    case 'github.contributors.new':
      return dailyCounts([...firstDays.values()], from, today);
    case 'github.contributors.active':
      return windowDistinct(items, from, today, ACTIVE_WINDOW_DAYS);
    case 'github.bus_factor':
      return windowBusFactor(items, from, today, BUS_FACTOR_WINDOW_DAYS);
    default:
      throw new Error(`${metric} is not a contributor metric`);
  }
}

/**
 * Day-by-day sum of daily series (each of consecutive days); before a series starts it counts 0.
 * After its last day, a level (`carry`) keeps its last value (no newer data yet); a count is 0.
 */
export function sumSeries(parts: readonly (readonly Point[])[], carry: boolean): Point[] {
  const days = [...new Set(parts.flatMap((points) => points.map((p) => p.t)))].sort();
  const at = parts.map(() => 0);
  return days.map((t) => {
    let v: number | null = null;
    parts.forEach((points, i) => {
      while (at[i]! < points.length - 1 && points[at[i]!]!.t < t) at[i]!++;
      const p = points[at[i]!];
      if (!p || p.t > t || (p.t < t && !carry) || p.v === null) return;
      v = (v ?? 0) + p.v;
    });
    return { t, v };
  });
}
