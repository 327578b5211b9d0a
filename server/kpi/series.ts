/**
 * Daily series from events, pure. A point's day is a calendar day in the project's time zone; a
 * windowed value for day D covers the window ending at the end of D.
 */
import type { MetricKind } from './metrics/index.js';
import { addDays, dayRange, monthStart, weekStart } from '../../shared/dates.js';
import { BusFactorWindow, PercentileWindow } from './order-statistics.js';

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
  return dayRange(from, to).map((t) => ({ t, v: counts.get(t) ?? 0 }));
}

/** Running total of events per day, counting those before `from` too. */
export function cumulativeCounts(eventDays: readonly string[], from: string, to: string): Point[] {
  const before = eventDays.filter((d) => d < from).length;
  let total = before;
  return dailyCounts(eventDays, from, to).map((p) => ({ t: p.t, v: (total += p.v!) }));
}

/** A level known on some days (snapshots, recorded values), carried forward; null before the first. */
export function carryForward(
  known: ReadonlyMap<string, number>,
  from: string,
  to: string,
): Point[] {
  const days = [...known.keys()].sort();
  let last: number | null = null;
  for (const day of days) if (day < from) last = known.get(day)!;
  return dayRange(from, to).map((t) => {
    const value = known.get(t);
    if (value !== undefined) last = value;
    return { t, v: last };
  });
}

interface Dated {
  day: string;
}

/**
 * For each day D in [from, to], `reduce` of the items whose day lies in (D − windowDays, D].
 * Items must be sorted by day. Each item enters and leaves the window once.
 */
function slide<T extends Dated, S>(
  items: readonly T[],
  from: string,
  to: string,
  windowDays: number,
  state: S,
  add: (state: S, item: T) => void,
  remove: (state: S, item: T) => void,
  read: (state: S) => number | null,
): Point[] {
  let enter = 0;
  let leave = 0;
  return dayRange(from, to).map((t) => {
    const oldest = addDays(t, -windowDays + 1);
    while (enter < items.length && items[enter]!.day <= t) add(state, items[enter++]!);
    while (leave < enter && items[leave]!.day < oldest) remove(state, items[leave++]!);
    return { t, v: read(state) };
  });
}

const byDay = <T extends Dated>(items: readonly T[]) =>
  [...items].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));

/** Nearest-rank percentile `p` of the values in the trailing window; null when the window is empty. */
export function windowPercentile(
  items: readonly (Dated & { value: number })[],
  from: string,
  to: string,
  windowDays: number,
  p: number,
): Point[] {
  return slide(
    byDay(items),
    from,
    to,
    windowDays,
    new PercentileWindow(items.map((item) => item.value)),
    (window, item) => window.add(item.value),
    (window, item) => window.remove(item.value),
    (window) => window.percentile(p),
  );
}

/** `read` of the per-key item counts in the trailing window, for each day. */
function windowCounts(
  items: readonly (Dated & { key: string })[],
  from: string,
  to: string,
  windowDays: number,
  read: (counts: Map<string, number>) => number,
): Point[] {
  return slide(
    byDay(items),
    from,
    to,
    windowDays,
    new Map<string, number>(),
    increment,
    decrement,
    read,
  );
}

/** Distinct keys with an item in the trailing window. */
export const windowDistinct = (
  items: readonly (Dated & { key: string })[],
  from: string,
  to: string,
  windowDays: number,
) => windowCounts(items, from, to, windowDays, (counts) => counts.size);

/** Bus factor of the items (one contribution each, by key) in the trailing window. */
export const windowBusFactor = (
  items: readonly (Dated & { key: string })[],
  from: string,
  to: string,
  windowDays: number,
) =>
  slide(
    byDay(items),
    from,
    to,
    windowDays,
    new BusFactorWindow(items.length),
    (window, item) => window.add(item.key),
    (window, item) => window.remove(item.key),
    (window) => window.busFactor(),
  );

function increment(counts: Map<string, number>, item: { key: string }) {
  counts.set(item.key, (counts.get(item.key) ?? 0) + 1);
}

function decrement(counts: Map<string, number>, item: { key: string }) {
  const n = (counts.get(item.key) ?? 0) - 1;
  if (n <= 0) counts.delete(item.key);
  else counts.set(item.key, n);
}

/** The sum of the trailing `days` daily values (a per-period metric's "current"). */
export function trailingSums(points: readonly Point[], days: number): Point[] {
  let sum = 0;
  return points.map((p, i) => {
    sum += p.v ?? 0;
    if (i >= days) sum -= points[i - days]!.v ?? 0;
    return { t: p.t, v: sum };
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
