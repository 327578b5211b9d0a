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
 * How the counting windows dump their state: each key once, sorted by UTF-16 code units (a dumped
 * state reads the same however the window got there, and a restored one finds its keys by binary
 * search, see `KeyedCounts`), and its count, above 0; the counts as a typed array, which the store
 * keeps as bytes (db/queries/rollup-windows.ts), so a window is restored without parsing each count.
 */
export interface KeyCounts {
  keys: readonly string[];
  counts: ArrayLike<number>;
}

/** A stored KeyCounts (with any other fields it was dumped with); empty when absent. */
export function storedCounts(state: unknown): KeyCounts {
  return state === null || state === undefined ? { keys: [], counts: [] } : (state as KeyCounts);
}

/**
 * Counts by key, restored from a stored `KeyCounts` (its keys sorted, as `dump` gives them)
 * without a map entry per key: a stored key is found by binary search, and only keys not stored
 * are kept in a map.
 */
export class KeyedCounts {
  private readonly stored: readonly string[];
  private readonly storedCounts: Uint32Array;
  private readonly added = new Map<string, number>();
  /** How many keys have a count above 0. */
  size = 0;

  constructor(stored: KeyCounts | null = null) {
    this.stored = stored?.keys ?? [];
    // A copy: the stored state may be kept again as it was (see `statesToSave`).
    this.storedCounts = new Uint32Array(stored?.counts ?? []);
    // Each stored count is above 0 (see KeyCounts).
    this.size = this.stored.length;
  }

  get(key: string): number {
    const at = this.indexOf(key);
    return at >= 0 ? this.storedCounts[at]! : (this.added.get(key) ?? 0);
  }

  /** Sets `key`'s count (≥ 0). */
  set(key: string, count: number): void {
    const at = this.indexOf(key);
    const before = at >= 0 ? this.storedCounts[at]! : (this.added.get(key) ?? 0);
    this.size += (count > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
    if (at >= 0) this.storedCounts[at] = count;
    else if (count > 0) this.added.set(key, count);
    else this.added.delete(key);
  }

  /** The keys with a count above 0, sorted, and their counts (what a stored window restores from). */
  dump(): KeyCounts {
    const added = [...this.added.keys()].sort(compareKeys);
    const keys: string[] = [];
    const counts: number[] = [];
    let i = 0;
    let j = 0;
    while (i < this.stored.length || j < added.length) {
      const fromStored =
        j >= added.length || (i < this.stored.length && this.stored[i]! < added[j]!);
      const key = fromStored ? this.stored[i++]! : added[j++]!;
      const count = fromStored ? this.storedCounts[i - 1]! : this.added.get(key)!;
      if (count > 0) {
        keys.push(key);
        counts.push(count);
      }
    }
    return { keys, counts: Uint32Array.from(counts) };
  }

  private indexOf(key: string): number {
    const at = firstWhere(this.stored.length, (i) => this.stored[i]! >= key);
    return at < this.stored.length && this.stored[at] === key ? at : -1;
  }
}

/** Keys in the order `KeyedCounts` finds them: by UTF-16 code units. */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first position in 0 … length − 1 where `holds` (false before it, true from it on); length if none. */
export function firstWhere(length: number, holds: (position: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
