/**
 * GitHub traffic as daily series, pure. GitHub aligns traffic days to UTC midnight and says nothing
 * finer, so a traffic day stays the UTC day it is (it cannot be moved into the project's time zone).
 * A day that no pass stored (before the first read, or a gap longer than GitHub's 14 days) is
 * unknown: null, never 0. The 'all' scope sums the repositories that have the day.
 * The registry entries that read these series are in `metrics/traffic.ts`.
 */
import { dayRange } from '../../shared/dates.js';
import type { Point } from './series.js';

export interface TrafficDayRow {
  repo_id: string;
  kind: 'views' | 'clones';
  day: string;
  count: number;
  uniques: number;
}

export interface ScopedSeries {
  scope: string;
  points: Point[];
}

/**
 * `field` of `kind` per day, for each repository and 'all', from the first stored day to `today`
 * (the newest day is partial: GitHub's count so far, overwritten by later passes).
 */
export function trafficSeries(
  rows: readonly TrafficDayRow[],
  kind: TrafficDayRow['kind'],
  field: 'count' | 'uniques',
  today: string,
): ScopedSeries[] {
  const perRepo = new Map<string, Map<string, number>>();
  for (const row of rows) {
    if (row.kind !== kind || row.day > today) continue;
    let days = perRepo.get(row.repo_id);
    if (!days) perRepo.set(row.repo_id, (days = new Map()));
    days.set(row.day, row[field]);
  }
  if (perRepo.size === 0) return [];
  const all = new Map<string, number>();
  const out: ScopedSeries[] = [];
  for (const [repo, days] of [...perRepo].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const [day, v] of days) all.set(day, (all.get(day) ?? 0) + v);
    out.push({ scope: repo, points: knownDays(days, today) });
  }
  return [{ scope: 'all', points: knownDays(all, today) }, ...out];
}

/** From the first known day to `today`: the known values, null on the days in between. */
export function knownDays(days: ReadonlyMap<string, number>, today: string): Point[] {
  const first = [...days.keys()].reduce((a, b) => (a < b ? a : b));
  return dayRange(first, today).map((t) => ({ t, v: days.get(t) ?? null }));
}
