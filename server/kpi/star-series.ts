/**
 * A repository's daily star series, pure. Two sources: GitHub's star-history endpoint (stars per
 * GitHub day, counting only stars that still exist) where it exists, else the stargazer list's
 * `starred_at`; either way today's value is the day's `stargazers_count` snapshot, the truth for now.
 */
import { dayOf } from '../../shared/dates.js';
import { carryForward, cumulativeCounts, type Point } from './series.js';
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
 */
export function starsFromHistory(
  days: readonly { starts_at: string; stars: number }[],
  snapshots: readonly StarSnapshot[],
  timeZone: string,
  today: string,
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
  let total = 0;
  const points = dayRange(first, today).map((t) => ({ t, v: (total += perDay.get(t) ?? 0) }));
  if (todaySnapshot) points[points.length - 1] = { t: today, v: todaySnapshot.stars };
  return points;
}

/**
 * From the stargazer list (GitHub Enterprise Server without the endpoint) or, when that is refused,
 * the snapshots alone: history from `starred_at` until the first snapshot, then the snapshots.
 */
export function starsFromList(
  starDays: readonly string[],
  snapshots: readonly StarSnapshot[],
  today: string,
): Point[] {
  const firstSnapshot = snapshots.reduce<string | null>(
    (a, s) => (a === null || s.day < a ? s.day : a),
    null,
  );
  const first = [...starDays, ...snapshots.map((s) => s.day)].reduce<string | null>(
    (a, b) => (a === null || b < a ? b : a),
    null,
  );
  if (first === null || first > today) return [];
  const history = cumulativeCounts(starDays, first, today);
  const counted = carryForward(new Map(snapshots.map((s) => [s.day, s.stars])), first, today);
  return history.map((p, i) => (firstSnapshot !== null && p.t >= firstSnapshot ? counted[i]! : p));
}
