/**
 * Daily series from events, pure. A point's day is a calendar day in the project's time zone; a
 * windowed value for day D covers the window ending at the end of D.
 */
import type { MetricKind } from './metrics/index.js';
import { dayRange, monthStart, weekStart } from '../../shared/dates.js';
import { BusFactorWindow, PercentileWindow, type PercentileState } from './order-statistics.js';
import {
  firstWhere,
  KeyedCounts,
  slide,
  slideDays,
  storedCounts,
  type Dated,
  type WindowResume,
} from './sliding.js';

export interface Point {
  /** YYYY-MM-DD: the day, or the first day of the week/month. */
  t: string;
  v: number | null;
}

export type Interval = 'day' | 'week' | 'month';

/** Events per day over [from, to] (0 on days without any). */
export function dailyCounts(eventDays: readonly string[], from: string, to: string): Point[] {
  const counts = new Map<string, number>();
  for (const day of eventDays) counts.set(day, (counts.get(day) ?? 0) + 1);
  return perDayPoints(counts, from, to);
}

/** Per day of [from, to], the sum of the items' counts on it (0 on days without any). */
export function dailySums(
  items: readonly { day: string; count: number }[],
  from: string,
  to: string,
): Point[] {
  const sums = new Map<string, number>();
  for (const { day, count } of items) sums.set(day, (sums.get(day) ?? 0) + count);
  return perDayPoints(sums, from, to);
}

const perDayPoints = (perDay: ReadonlyMap<string, number>, from: string, to: string): Point[] =>
  dayRange(from, to).map((t) => ({ t, v: perDay.get(t) ?? 0 }));

/**
 * Running total of events per day, counting those before `from` too (or starting from `before`,
 * the total of the day before `from` when known from elsewhere).
 */
export function cumulativeCounts(
  eventDays: readonly string[],
  from: string,
  to: string,
  before = eventDays.filter((d) => d < from).length,
): Point[] {
  let total = before;
  return dailyCounts(eventDays, from, to).map((p) => ({ t: p.t, v: (total += p.v!) }));
}

/**
 * A level known on some days (snapshots, recorded values), carried forward; before the first,
 * `initial` (the level before `from`, when known from elsewhere) or null.
 */
export function carryForward(
  known: ReadonlyMap<string, number>,
  from: string,
  to: string,
  initial: number | null = null,
): Point[] {
  const days = [...known.keys()].sort();
  let last: number | null = initial;
  for (const day of days) if (day < from) last = known.get(day)!;
  return dayRange(from, to).map((t) => {
    const value = known.get(t);
    if (value !== undefined) last = value;
    return { t, v: last };
  });
}

/** Items by day: as given when they already are (views sort their rows once), else a sorted copy. */
export function byDay<T extends Dated>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++)
    if (items[i - 1]!.day > items[i]!.day)
      return [...items].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return items;
}

/**
 * Nearest-rank percentile `p` of the values in the trailing window; null when the window is empty.
 * `resume` (see sliding.ts) continues from a stored window instead of starting empty.
 */
export function windowPercentile(
  items: readonly (Dated & { value: number })[],
  from: string,
  to: string,
  windowDays: number,
  p: number,
  resume: WindowResume | null = null,
): Point[] {
  const sorted = byDay(items);
  const timed = { days: sorted.map((i) => i.day), values: sorted.map((i) => i.value) };
  return windowPercentileOf(timed, from, to, windowDays, p, resume);
}

/**
 * Values on days, as two columns sorted by day: a day and a number each cost 16 bytes, where an
 * object each cost 64 (at 10× history, hundreds of thousands of durations are in memory at once).
 */
export interface DayValues {
  days: readonly string[];
  values: readonly number[];
}

/** `windowPercentile` of values kept as columns (sorted by day). */
export function windowPercentileOf(
  items: DayValues,
  from: string,
  to: string,
  windowDays: number,
  p: number,
  resume: WindowResume | null = null,
): Point[] {
  // Resumed, only the values of the days after the stored state's enter the window.
  const checkpoint = resume?.from ?? null;
  const entering = checkpoint
    ? items.values.slice(firstWhere(items.days.length, (i) => items.days[i]! > checkpoint.day))
    : null;
  const window = new PercentileWindow(
    entering ?? items.values,
    (checkpoint?.state ?? null) as PercentileState | null,
  );
  return slideDays(
    items.days,
    from,
    to,
    windowDays,
    window,
    {
      add: (w, i) => w.add(items.values[i]!),
      remove: (w, i) => w.remove(items.values[i]!),
      read: (w) => w.percentile(p),
      dump: (w) => w.packed(),
      keep: {
        item: (i) => items.values[i]!,
        removeKept: (w, value) => w.remove(value as number),
        pack: (values) => Float64Array.from(values as number[]),
      },
    },
    resume,
  );
}

/** Distinct keys with an item in the trailing window. */
export function windowDistinct(
  items: readonly (Dated & { key: string })[],
  from: string,
  to: string,
  windowDays: number,
  resume: WindowResume | null = null,
): Point[] {
  const drop = (c: KeyedCounts, key: string) => c.set(key, Math.max(0, c.get(key) - 1));
  return slide<Dated & { key: string }, KeyedCounts>(
    byDay(items),
    from,
    to,
    windowDays,
    new KeyedCounts(storedCounts(resume?.from?.state)),
    {
      add: (c, item) => c.set(item.key, c.get(item.key) + 1),
      remove: (c, item) => drop(c, item.key),
      read: (c) => c.size,
      dump: (c) => c.dump(),
      keep: {
        item: (item) => item.key,
        removeKept: (c, key) => drop(c, key as string),
        pack: (keys) => keys,
      },
    },
    resume,
  );
}

/** Bus factor of the items (one contribution each, by key) in the trailing window. */
export function windowBusFactor(
  items: readonly (Dated & { key: string })[],
  from: string,
  to: string,
  windowDays: number,
  resume: WindowResume | null = null,
): Point[] {
  const window = BusFactorWindow.of(items.length, storedCounts(resume?.from?.state));
  return slide(
    byDay(items),
    from,
    to,
    windowDays,
    window,
    {
      add: (w, item) => w.add(item.key),
      remove: (w, item) => w.remove(item.key),
      read: (w) => w.busFactor(),
      dump: (w) => w.dump(),
      keep: {
        item: (item) => item.key,
        removeKept: (w, key) => w.remove(key as string),
        pack: (keys) => keys,
      },
    },
    resume,
  );
}

/**
 * The sum of the trailing `days` daily values (a per-period metric's "current"). A day nobody
 * counted is null, not 0: a window without any counted day is null too (Docker Hub pulls before
 * their second reading have no figure yet, and "0 in the last 7 days" would be untrue). The days
 * after the last counted one have no sum: their figures are not out yet (npm and PyPI publish a
 * day's downloads the next day), and a sum over the days that are would read as a fall.
 */
export function trailingSums(points: readonly Point[], days: number): Point[] {
  let sum = 0;
  let counted = 0;
  let last = points.length - 1;
  while (last >= 0 && points[last]!.v === null) last--;
  return points.map((p, i) => {
    if (i > last) return { t: p.t, v: null };
    if (p.v !== null) {
      sum += p.v;
      counted += 1;
    }
    const leaving = i >= days ? points[i - days]!.v : null;
    if (leaving !== null) {
      sum -= leaving;
      counted -= 1;
    }
    return { t: p.t, v: counted > 0 ? sum : null };
  });
}

/**
 * Daily points into weeks (starting Monday) or months: per-period metrics add up, levels and windows
 * take their value at the end of the bucket (the last non-null).
 */
export function aggregate(points: readonly Point[], interval: Interval, kind: MetricKind): Point[] {
  if (interval === 'day') return [...points];
  const bucketOf = interval === 'week' ? weekStart : monthStart;
  const buckets = new Map<string, Point>();
  for (const p of points) {
    const t = bucketOf(p.t);
    const bucket = buckets.get(t) ?? { t, v: null };
    if (kind === 'per_period') bucket.v = (bucket.v ?? 0) + (p.v ?? 0);
    else if (p.v !== null) bucket.v = p.v;
    buckets.set(t, bucket);
  }
  return [...buckets.values()];
}
