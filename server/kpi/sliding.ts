/**
 * Trailing windows that resume: a window's state at the end of a day (who contributed how often,
 * which durations) can be stored and the slide resumed from it, so an incremental refresh reads the
 * days it recomputes and the days leaving the window, not the whole window. Pure.
 */
import { addDays, dayRange } from '../../shared/dates.js';
import type { Point } from './series.js';

/** A window's state at the end of `day`, as `dump` wrote it (null: empty). */
export interface WindowCheckpoint {
  day: string;
  state: unknown;
}

export interface WindowResume {
  /** Where to resume: the stored state; null to start empty from the first day. */
  from: WindowCheckpoint | null;
  /** The day whose end-of-day state to hand to `save` (to be stored for the next refresh). */
  capture: { day: string; save(state: unknown): void } | null;
}

export interface Dated {
  day: string;
}

export interface WindowOps<T, S> {
  add(state: S, item: T): void;
  remove(state: S, item: T): void;
  read(state: S): number | null;
  dump(state: S): unknown;
}

/**
 * For each day D in [from, to], `read` of the state holding the items whose day lies in
 * (D − windowDays, D]. Items must be sorted by day; each enters and leaves the window once. With
 * `resume.from` (at day C < from), `state` must already hold the window at the end of C: items of
 * days up to C are not added again, those of (C − windowDays, C] leave as the window moves, and
 * only the items of C + 1 … to and of the days leaving the window are needed.
 */
export function slide<T extends Dated, S>(
  items: readonly T[],
  from: string,
  to: string,
  windowDays: number,
  state: S,
  ops: WindowOps<T, S>,
  resume: WindowResume | null = null,
): Point[] {
  return slideDays(
    items.map((item) => item.day),
    from,
    to,
    windowDays,
    state,
    {
      add: (s, i) => ops.add(s, items[i]!),
      remove: (s, i) => ops.remove(s, items[i]!),
      read: ops.read,
      dump: ops.dump,
    },
    resume,
  );
}

/**
 * `slide` over items given by their days alone (sorted): `ops` get each item's position. For items
 * kept as columns (a day and a value each) rather than an object each.
 */
export function slideDays<S>(
  days: readonly string[],
  from: string,
  to: string,
  windowDays: number,
  state: S,
  ops: WindowOps<number, S>,
  resume: WindowResume | null = null,
): Point[] {
  const checkpoint = resume?.from ?? null;
  const capture = resume?.capture ?? null;
  let start = from;
  let enter = 0;
  let leave = 0;
  if (checkpoint) {
    start = addDays(checkpoint.day, 1);
    if (start > from) throw new Error(`a window resumed at ${checkpoint.day} cannot give ${from}`);
    const gone = addDays(checkpoint.day, -windowDays);
    while (enter < days.length && days[enter]! <= checkpoint.day) enter++;
    while (leave < enter && days[leave]! <= gone) leave++;
    if (capture?.day === checkpoint.day) capture.save(ops.dump(state));
  } else if (capture && capture.day < start) start = capture.day;
  const points: Point[] = [];
  for (const t of dayRange(start, to)) {
    const oldest = addDays(t, -windowDays + 1);
    while (enter < days.length && days[enter]! <= t) ops.add(state, enter++);
    while (leave < enter && days[leave]! < oldest) ops.remove(state, leave++);
    if (t >= from) points.push({ t, v: ops.read(state) });
    if (capture?.day === t) capture.save(ops.dump(state));
  }
  return points;
}

/**
 * How the counting windows dump their state: each key once, sorted (a dumped state reads the same
 * however the window got there), and its count; the counts as a typed array, which the store keeps
 * as bytes (db/queries/rollup-windows.ts), so a window is restored without parsing each count.
 */
export interface KeyCounts {
  keys: string[];
  counts: ArrayLike<number>;
}

/** A stored KeyCounts, or `[key, count]` pairs as kept before; empty when absent. */
export function storedCounts(state: unknown): KeyCounts {
  if (Array.isArray(state)) {
    const pairs = state as [string, number][];
    return { keys: pairs.map(([k]) => k), counts: pairs.map(([, c]) => c) };
  }
  return state === null || state === undefined ? { keys: [], counts: [] } : (state as KeyCounts);
}

/** `counts` as KeyCounts, keys sorted. */
export function keyCounts(counts: ReadonlyMap<string, number>): KeyCounts {
  const keys = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { keys, counts: Uint32Array.from(keys, (k) => counts.get(k)!) };
}
