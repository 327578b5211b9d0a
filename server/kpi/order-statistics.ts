/**
 * Counting structures for sliding windows: a Fenwick (binary indexed) tree over a fixed index range,
 * so the percentile and the bus factor of a trailing window cost O(log n) per change instead of a
 * sorted-array splice or a sort of every contributor for every day. A window restored from its
 * stored state costs no work per value or person it holds beyond copying its arrays and building
 * the tree: at 10× history a window holds tens of thousands of them, and an hourly refresh in a
 * fresh process spent more time merging and mapping them than sliding the days it recomputes.
 */
import { firstWhere, KeyedCounts, type KeyCounts } from './sliding.js';
export class FenwickTree {
  private readonly tree: Float64Array;
  /** The largest power of two ≤ size: where binary lifting starts. */
  private readonly top: number;

  constructor(readonly size: number) {
    this.tree = new Float64Array(size + 1);
    let top = 1;
    while (top * 2 <= size) top *= 2;
    this.top = size === 0 ? 0 : top;
  }

  /** A tree holding `counts` (position i + 1 holds counts[i]), built in O(n). */
  static of(counts: ArrayLike<number>): FenwickTree {
    const fenwick = new FenwickTree(counts.length);
    const tree = fenwick.tree;
    for (let i = 1; i <= counts.length; i++) {
      tree[i]! += counts[i - 1]!;
      const parent = i + (i & -i);
      if (parent <= counts.length) tree[parent]! += tree[i]!;
    }
    return fenwick;
  }

  /** Adds `delta` at 1-based `index`. */
  add(index: number, delta: number): void {
    for (let i = index; i <= this.size; i += i & -i) this.tree[i]! += delta;
  }

  /** The sum of positions 1..index. */
  prefix(index: number): number {
    let sum = 0;
    for (let i = index; i > 0; i -= i & -i) sum += this.tree[i]!;
    return sum;
  }

  /**
   * The largest index whose prefix sum satisfies `below(prefix, index)`, where `below` holds for an
   * index and every smaller one; 0 when even the first position fails.
   */
  lastWhere(below: (prefix: number, index: number) => boolean): number {
    let index = 0;
    let sum = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = index + step;
      if (next <= this.size && below(sum + this.tree[next]!, next)) {
        index = next;
        sum += this.tree[next]!;
      }
    }
    return index;
  }
}

/**
 * What a PercentileWindow holds: its distinct values, smallest first, and how many of each (each
 * count > 0). Kept as two flat lists so a stored window is restored without sorting or merging.
 * (Its counts' Fenwick tree is built again rather than stored: at 10× history, reading the tree's
 * bytes took longer than building it.)
 */
export interface PercentileState {
  values: ArrayLike<number>;
  counts: ArrayLike<number>;
}

/** How many of each of a fixed, sorted set of distinct values. */
class ValueCounts {
  private readonly tally: Float64Array;
  private readonly tree: FenwickTree;
  n = 0;

  /** `counts`: how many of each value to start with (copied); none when null. */
  constructor(
    readonly values: Float64Array,
    counts: ArrayLike<number> | null,
  ) {
    this.tally = counts ? new Float64Array(counts) : new Float64Array(values.length);
    this.tree = FenwickTree.of(this.tally);
    this.n = this.tree.prefix(values.length);
  }

  /** Each of `values` once, sorted. */
  static over(values: readonly number[]): ValueCounts {
    const sorted = Float64Array.from(values).sort();
    let size = 0;
    for (let i = 0; i < sorted.length; i++)
      if (size === 0 || sorted[size - 1] !== sorted[i]) sorted[size++] = sorted[i]!;
    return new ValueCounts(sorted.subarray(0, size), null);
  }

  /** The 1-based position of `value`, or 0 when it is not one of the values. */
  positionOf(value: number): number {
    const at = firstWhere(this.values.length, (i) => this.values[i]! >= value);
    return at < this.values.length && this.values[at] === value ? at + 1 : 0;
  }

  add(position: number, count: number): void {
    this.tree.add(position, count);
    this.tally[position - 1]! += count;
    this.n += count;
  }

  /** How many held are at most `value`. */
  atMost(value: number): number {
    return this.tree.prefix(firstWhere(this.values.length, (i) => this.values[i]! > value));
  }

  /**
   * The smallest value v for which the held values up to v, and `others(v)` more, reach `rank`
   * (`others` grows with v); Infinity when none does.
   */
  smallestReaching(rank: number, others: (value: number) => number): number {
    const before = this.tree.lastWhere(
      (sum, position) => sum + others(this.values[position - 1]!) < rank,
    );
    return before < this.values.length ? this.values[before]! : Infinity;
  }

  /** The values held (count > 0) and their counts, into `into`. */
  held(into: { values: number[]; counts: number[] }): void {
    this.tally.forEach((count, i) => {
      if (count > 0) {
        into.values.push(this.values[i]!);
        into.counts.push(count);
      }
    });
  }
}

/**
 * A multiset of numbers drawn from a known set of values, answering nearest-rank percentiles.
 * Restored from a stored state, it keeps the stored values as they are and the possible values
 * apart: a percentile is then the smallest value, in either, whose rank in both reaches it
 * (O(log² n)), and nothing is merged until a state is dumped. A value in both is counted in the
 * stored ones, so its count in the other stays 0 (and a value counted 0 is never the smallest to
 * reach a rank unless a value counted below it does too: the smaller of the two answers is right).
 */
export class PercentileWindow {
  private readonly main: ValueCounts;
  /** The possible values (restored windows only): where those not stored are counted. */
  private readonly more: ValueCounts | null;

  /**
   * `possibleValues`: every value that may be added; `held`: a window's state to start from (its
   * values may be added too, and need not be among the possible ones). Costs O(h + k log k) for h
   * held and k possible values, the O(h) being two array copies and a tree built in one pass.
   */
  constructor(possibleValues: readonly number[], held: PercentileState | null = null) {
    if (held === null) {
      this.main = ValueCounts.over(possibleValues);
      this.more = null;
      return;
    }
    const values =
      held.values instanceof Float64Array ? held.values : Float64Array.from(held.values);
    this.main = new ValueCounts(values, held.counts);
    this.more = possibleValues.length > 0 ? ValueCounts.over(possibleValues) : null;
  }

  add(value: number, count = 1): void {
    this.change(value, count);
  }

  remove(value: number): void {
    this.change(value, -1);
  }

  /** The values held, each with its count, smallest first. */
  entries(): [number, number][] {
    const { values, counts } = this.state();
    return values.map((v, i) => [v, counts[i]!]);
  }

  /** The values held and their counts (what a stored window restores from). */
  state(): { values: number[]; counts: number[] } {
    const main = { values: [] as number[], counts: [] as number[] };
    this.main.held(main);
    if (!this.more) return main;
    const more = { values: [] as number[], counts: [] as number[] };
    this.more.held(more);
    // Both sorted, and a value counted in one is not counted in the other: merged.
    const merged = { values: [] as number[], counts: [] as number[] };
    let i = 0;
    let j = 0;
    while (i < main.values.length || j < more.values.length) {
      const fromMain =
        j >= more.values.length || (i < main.values.length && main.values[i]! < more.values[j]!);
      const [from, at] = fromMain ? [main, i++] : [more, j++];
      merged.values.push(from.values[at]!);
      merged.counts.push(from.counts[at]!);
    }
    return merged;
  }

  /**
   * `state()` as typed arrays (what the refresh keeps: the store writes them as bytes, so a window
   * is restored without parsing each value).
   */
  packed(): { values: Float64Array; counts: Uint32Array } {
    const { values, counts } = this.state();
    return { values: Float64Array.from(values), counts: Uint32Array.from(counts) };
  }

  /** Nearest rank, as `percentile` in stats.ts: null when empty. */
  percentile(p: number): number | null {
    const more = this.more;
    const n = this.main.n + (more?.n ?? 0);
    if (n === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * n));
    if (!more || more.n === 0) return this.main.smallestReaching(rank, () => 0);
    return Math.min(
      this.main.smallestReaching(rank, (v) => more.atMost(v)),
      more.smallestReaching(rank, (v) => this.main.atMost(v)),
    );
  }

  private change(value: number, count: number): void {
    const position = this.main.positionOf(value);
    if (position > 0) return this.main.add(position, count);
    const other = this.more?.positionOf(value) ?? 0;
    if (other === 0) throw new Error(`${value} is not one of the window's possible values`);
    this.more!.add(other, count);
  }
}

/**
 * A bus factor window's dump: each person's count, and how many people have each count
 * (`perCount[c − 1]`: how many have c), so a window is restored without a pass over its people.
 */
export interface BusFactorState extends KeyCounts {
  perCount?: ArrayLike<number>;
}

/** How many of `counts` are each count: position c − 1 for count c, up to the largest. */
function perCountOf(counts: ArrayLike<number>): Uint32Array {
  let most = 0;
  for (let i = 0; i < counts.length; i++) most = Math.max(most, counts[i]!);
  const perCount = new Uint32Array(most);
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) perCount[counts[i]! - 1]! += 1;
  return perCount;
}

/**
 * Contributions per person in a window, answering the bus factor (the fewest people who account for
 * at least half of all contributions) as `busFactor` in stats.ts does, in O(log maxCount).
 * People are indexed by their count, largest count first, so a prefix is "everyone with ≥ c".
 */
export class BusFactorWindow {
  private readonly perPerson: KeyedCounts;
  private readonly people: FenwickTree;
  private readonly mass: FenwickTree;
  private total = 0;

  /**
   * `maxCount`: no one can have more contributions in the window than this; `held`: the counts to
   * start from (as `dump` gives them), built in O(maxCount) from its `perCount` (O(people) without
   * it) rather than one add each.
   */
  constructor(
    private readonly maxCount: number,
    held: BusFactorState | null = null,
  ) {
    const people = new Float64Array(maxCount);
    const mass = new Float64Array(maxCount);
    this.perPerson = new KeyedCounts(held);
    const perCount = held ? (held.perCount ?? perCountOf(held.counts)) : [];
    for (let count = 1; count <= perCount.length; count++) {
      const n = perCount[count - 1]!;
      people[this.slot(count) - 1]! += n;
      mass[this.slot(count) - 1]! += n * count;
      this.total += n * count;
    }
    this.people = FenwickTree.of(people);
    this.mass = FenwickTree.of(mass);
  }

  /** A window holding `held`, to which up to `adding` more contributions may be added. */
  static of(adding: number, held: BusFactorState): BusFactorWindow {
    const perCount = held.perCount ?? perCountOf(held.counts);
    return new BusFactorWindow(perCount.length + adding, { ...held, perCount });
  }

  get distinct(): number {
    return this.perPerson.size;
  }

  add(key: string, count = 1): void {
    const before = this.perPerson.get(key);
    this.move(before, before + count);
    this.perPerson.set(key, before + count);
  }

  /** Each person in the window with their count, keys sorted (what a stored window restores from). */
  dump(): BusFactorState {
    const dumped = this.perPerson.dump();
    return { ...dumped, perCount: perCountOf(dumped.counts) };
  }

  remove(key: string): void {
    const before = this.perPerson.get(key);
    if (before === 0) return;
    this.move(before, before - 1);
    this.perPerson.set(key, before - 1);
  }

  busFactor(): number {
    if (this.total === 0) return 0;
    // Everyone above the level where half is reached, then as many at that level as needed.
    const above = this.mass.lastWhere((sum) => sum * 2 < this.total);
    const covered = this.mass.prefix(above);
    const level = this.countAt(above + 1);
    return this.people.prefix(above) + Math.ceil((this.total - 2 * covered) / (2 * level));
  }

  private move(from: number, to: number): void {
    if (from > 0) {
      this.people.add(this.slot(from), -1);
      this.mass.add(this.slot(from), -from);
    }
    if (to > 0) {
      this.people.add(this.slot(to), 1);
      this.mass.add(this.slot(to), to);
    }
    this.total += to - from;
  }

  private slot = (count: number) => this.maxCount + 1 - count;
  private countAt = (slot: number) => this.maxCount + 1 - slot;
}
