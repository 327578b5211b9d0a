/**
 * A repository's daily star series, pure. Two sources: GitHub's star-history endpoint (stars per
 * GitHub day, counting only stars that still exist) where it exists, else the stargazer list's
 * `starred_at`; either way today's value is the day's `stargazers_count` snapshot, the truth for now.
 */
import { dayOf } from '../../shared/dates.js';
import { carryForward, type Point } from './series.js';
import { dayRange } from '../../shared/dates.js';

export interface StarSnapshot {
  day: string;
  stars: number;
}

const HALF_DAY = 43_200_000;

/**
 * From the star-history endpoint. GitHub does not promise its days start at midnight (UTC or the
 * project's), and gives no time within a day: each GitHub day counts on the project day that holds
 * its middle, so a day is never split and a shifted edge moves a star by less than a day.
 * Every past day is GitHub's history as last read; today is the snapshot when there is one.
 * `from`: the first day wanted (an incremental refresh keeps the earlier ones); the days before it
 * only add up into its total, so the cost follows the days recomputed, not the history's length.
 */
export function starsFromHistory(
  days: readonly { starts_at: string; stars: number }[],
  snapshots: readonly StarSnapshot[],
  timeZone: string,
  today: string,
  from: string | null = null,
): Point[] {
  const perDay = new Map<string, number>();
  for (const d of days) {
    if (d.stars === 0) continue;
    const day = dayOf(new Date(Date.parse(d.starts_at) + HALF_DAY), timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + d.stars);
  }
  const todaySnapshot = snapshots.find((s) => s.day === today);
  const first = [...perDay.keys(), ...(todaySnapshot ? [today] : [])].reduce<string | null>(
    (a, b) => (a === null || b < a ? b : a),
    null,
  );
  if (first === null || first > today) return [];
  const start = from !== null && from > first ? from : first;
  let total = 0;
  for (const [day, stars] of perDay) if (day < start) total += stars;
  const points = dayRange(start, today).map((t) => ({ t, v: (total += perDay.get(t) ?? 0) }));
  if (todaySnapshot) points[points.length - 1] = { t: today, v: todaySnapshot.stars };
  return points;
}

/**
 * From the stargazer list (GitHub Enterprise Server without the endpoint) or, when that is refused,
 * the snapshots alone: history from `starred_at` until the first snapshot, then the snapshots.
 * `stars`: each star's day, or several stars' earliest day and how many (what an incremental
 * refresh loads before its first day); `from` as in `starsFromHistory`.
 */
export function starsFromList(
  stars: readonly { day: string; count: number }[],
  snapshots: readonly StarSnapshot[],
  today: string,
  from: string | null = null,
): Point[] {
  return listThenSnapshots(
    stars,
    snapshots.map((s) => ({ day: s.day, value: s.stars })),
    today,
    from,
  );
}

/**
 * A level counted from a list of events (stars, forks: each with its day and how many) until the
 * first snapshot, then the snapshots carried forward: the list gives the history before Pulseboard
 * was installed, the snapshots (GitHub's own count) the truth from then on.
 */
export function listThenSnapshots(
  events: readonly { day: string; count: number }[],
  snapshots: readonly { day: string; value: number }[],
  today: string,
  from: string | null = null,
): Point[] {
  const firstSnapshot = snapshots.reduce<string | null>(
    (a, s) => (a === null || s.day < a ? s.day : a),
    null,
  );
  const first = [...events.map((s) => s.day), ...snapshots.map((s) => s.day)].reduce<string | null>(
    (a, b) => (a === null || b < a ? b : a),
    null,
  );
  if (first === null || first > today) return [];
  const start = from !== null && from > first ? from : first;
  let total = 0;
  const perDay = new Map<string, number>();
  for (const { day, count } of events)
    if (day < start) total += count;
    else perDay.set(day, (perDay.get(day) ?? 0) + count);
  const counted = carryForward(new Map(snapshots.map((s) => [s.day, s.value])), start, today);
  return dayRange(start, today).map((t, i) => {
    total += perDay.get(t) ?? 0;
    return firstSnapshot !== null && t >= firstSnapshot ? counted[i]! : { t, v: total };
  });
}
