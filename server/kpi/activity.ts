/**
 * Active Discord members, pure: distinct authors (by their hash) who posted in the trailing 7 and
 * 30 days, and messages per day. Posts are only known from `historyFrom` on (the backfill reads a
 * bounded depth), so a window reaching before it would undercount: such days are null, not low.
 */
import { addDays, dayOf } from '../../shared/dates.js';
import { dailySums, windowDistinct, type Point } from './series.js';

export const ACTIVE_WINDOWS = { week: 7, month: 30 } as const;

/**
 * The first project day (in `timeZone`) that lies wholly after `historyFrom`, the instant the
 * collected posts begin: the `historyFrom` that `discordActivitySeries` takes.
 */
export function firstFullDay(historyFrom: string, timeZone: string): string {
  const day = dayOf(historyFrom, timeZone);
  // The instant begins its day only if the day before has ended by then.
  return dayOf(new Date(Date.parse(historyFrom) - 1), timeZone) === day ? addDays(day, 1) : day;
}

export interface DiscordPost {
  author_hash: string;
  posted_at: string;
  /** How many posts: the author's within the quarter hour from `posted_at` (absent: 1). */
  count?: number;
}

export interface DiscordActivitySeries {
  active7d: Point[];
  active30d: Point[];
  messages: Point[];
}

/**
 * Series over [from, to] (project days in `timeZone`). `historyFrom` is the first day whose posts
 * were all read (null: as far back as the posts go); days before it get no value at all. Posts
 * before `from` count in the windows of its first days (an incremental refresh passes those of the
 * 30 days before).
 */
export function discordActivitySeries(
  posts: readonly DiscordPost[],
  timeZone: string,
  from: string,
  to: string,
  historyFrom: string | null,
): DiscordActivitySeries {
  const start = historyFrom !== null && historyFrom > from ? historyFrom : from;
  if (start > to) return { active7d: [], active30d: [], messages: [] };
  const items = posts.map((p) => ({
    day: dayOf(p.posted_at, timeZone),
    key: p.author_hash,
    count: p.count ?? 1,
  }));
  const known = items.filter((i) => (historyFrom === null || i.day >= historyFrom) && i.day <= to);
  const inRange = known.filter((i) => i.day >= start);
  const active = (days: number) =>
    windowDistinct(known, start, to, days).map((p) => ({
      t: p.t,
      // The window (t − days, t] must lie inside the known history.
      v: historyFrom !== null && addDays(p.t, -days + 1) < historyFrom ? null : p.v,
    }));
  return {
    active7d: active(ACTIVE_WINDOWS.week),
    active30d: active(ACTIVE_WINDOWS.month),
    messages: dailySums(inRange, start, to),
  };
}
