/**
 * Trailing windows that resume: a window's state at the end of a day (who contributed how often,
 * which durations) can be stored and the slide resumed from it, so an incremental refresh reads the
 * days it recomputes, not the whole window. The state keeps the items of the days next to leave the
 * window too (`KeptItems`): the refresh after it then need not read those days' rows again (at 10×
 * history they were half the rows an hourly refresh read, and most of its growth). Pure.
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
  /**
   * The day whose end-of-day state to hand to `save` (to be stored for the next refresh), and how
   * many days after the window's oldest day at its end to keep the items of (`keptDays`, see
   * `KeptItems`; 0 or absent: none).
   */
  capture: { day: string; save(state: unknown): void; keptDays?: number } | null;
}

export interface Dated {
  day: string;
}

export interface WindowOps<T, S> {
  add(state: S, item: T): void;
  remove(state: S, item: T): void;
  read(state: S): number | null;
  dump(state: S): unknown;
  /** For a window whose state keeps the items next to leave it (its dump is an object). */
  keep?: KeepOps<T, S>;
}

/** A kept item as stored: a number (a duration) or a string (a person). */
export type KeptItem = number | string;

/** How a window keeps items in its state: each as stored, its removal, and a list of them stored. */
export interface KeepOps<T, S> {
  item(item: T): KeptItem;
  removeKept(state: S, item: KeptItem): void;
  pack(items: KeptItem[]): ArrayLike<KeptItem>;
}

/**
 * The items of the days next to leave a window, stored with its state at the end of day C:
 * those of the days after C − windowDays up to `keptTo`, in day order (`keptDays` each distinct
 * day, `keptPer` how many items are its). A resumed slide removes these as the window moves, and
 * the rows of those days need not be read: they are the rows of days before C, and a pass that
 * changed one of them makes the refresh recompute from that day, not resume from C.
 */
export interface KeptItems {
  keptTo: string;
  keptDays: readonly string[];
  keptPer: ArrayLike<number>;
  keptItems: ArrayLike<KeptItem>;
}

/** The kept items of a stored state; null when it has none (or was stored before they were kept). */
export function keptItemsOf(state: unknown): KeptItems | null {
  if (state === null || typeof state !== 'object' || !('keptTo' in state)) return null;
  return state as KeptItems;
}

/** Each kept item's day, in order. */
export function keptItemDays(kept: KeptItems): string[] {
  const days: string[] = [];
  kept.keptDays.forEach((day, i) => {
    for (let n = 0; n < kept.keptPer[i]!; n++) days.push(day);
  });
  return days;
}

/**
 * For each day D in [from, to], `read` of the state holding the items whose day lies in
 * (D − windowDays, D]. Items must be sorted by day; each enters and leaves the window once. With
 * `resume.from` (at day C < from), `state` must already hold the window at the end of C: items of
 * days up to C are not added again, those of (C − windowDays, C] leave as the window moves, and
 * only the items of C + 1 … to and of the days leaving the window are needed (of those, the days
 * the stored state kept the items of are not: see `KeptItems`).
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
  const keep = ops.keep;
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
      keep: keep && {
        item: (i) => keep.item(items[i]!),
        removeKept: keep.removeKept,
        pack: keep.pack,
      },
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
  const kept = ops.keep && checkpoint ? keptItemsOf(checkpoint.state) : null;
  const keptDays = kept ? keptItemDays(kept) : [];
  let next = 0;
  let start = from;
  let enter = 0;
  let leave = 0;
  /** The state to store at the end of `t`, with the items of the days next to leave. */
  const dumped = (t: string): unknown => {
    const keepOps = ops.keep;
    const keepFor = capture?.keptDays ?? 0;
    if (!keepOps || keepFor === 0) return ops.dump(state);
    const keptTo = addDays(t, keepFor - windowDays);
    const items: { day: string; item: KeptItem }[] = [];
    for (let k = next; k < keptDays.length && keptDays[k]! <= keptTo; k++)
      items.push({ day: keptDays[k]!, item: kept!.keptItems[k]! });
    for (let p = leave; p < enter && days[p]! <= keptTo; p++)
      items.push({ day: days[p]!, item: keepOps.item(p) });
    return { ...(ops.dump(state) as object), keptTo, ...packedDays(items, keepOps.pack) };
  };
  if (checkpoint) {
    start = addDays(checkpoint.day, 1);
    if (start > from) throw new Error(`a window resumed at ${checkpoint.day} cannot give ${from}`);
    const gone = addDays(checkpoint.day, -windowDays);
    // Rows of the days whose items were kept, if read, are those items: not removed twice.
    const covered = kept && kept.keptTo > gone ? kept.keptTo : gone;
    while (enter < days.length && days[enter]! <= checkpoint.day) enter++;
    while (leave < enter && days[leave]! <= covered) leave++;
    if (capture?.day === checkpoint.day) capture.save(dumped(checkpoint.day));
  } else if (capture && capture.day < start) start = capture.day;
  const points: Point[] = [];
  for (const t of dayRange(start, to)) {
    const oldest = addDays(t, -windowDays + 1);
    while (enter < days.length && days[enter]! <= t) ops.add(state, enter++);
    while (next < keptDays.length && keptDays[next]! < oldest)
      ops.keep!.removeKept(state, kept!.keptItems[next++]!);
    while (leave < enter && days[leave]! < oldest) ops.remove(state, leave++);
    if (t >= from) points.push({ t, v: ops.read(state) });
    if (capture?.day === t) capture.save(dumped(t));
  }
  return points;
}

/** Items in day order as `KeptItems` stores them (without `keptTo`). */
export function packedDays(
  items: readonly { day: string; item: KeptItem }[],
  pack: (items: KeptItem[]) => ArrayLike<KeptItem>,
): Omit<KeptItems, 'keptTo'> {
  const keptDays: string[] = [];
  const keptPer: number[] = [];
  for (const { day } of items) {
    if (keptDays.at(-1) === day) keptPer[keptPer.length - 1]! += 1;
    else {
      keptDays.push(day);
      keptPer.push(1);
    }
  }
  return {
    keptDays,
    keptPer: Uint32Array.from(keptPer),
    keptItems: pack(items.map((i) => i.item)),
  };
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
