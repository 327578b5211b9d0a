/**
 * Counting structures for sliding windows: a Fenwick (binary indexed) tree over a fixed index range,
 * so the percentile and the bus factor of a trailing window cost O(log n) per change instead of a
 * sorted-array splice or a sort of every contributor for every day.
 */
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
   * The largest index whose prefix sum satisfies `below(prefix)`, where `below` holds for a prefix and
   * every smaller one (the values are non-negative); 0 when even the first position fails.
   */
  lastWhere(below: (prefix: number) => boolean): number {
    let index = 0;
    let sum = 0;
    for (let step = this.top; step > 0; step >>= 1) {
      const next = index + step;
      if (next <= this.size && below(sum + this.tree[next]!)) {
        index = next;
        sum += this.tree[next]!;
      }
    }
    return index;
  }
}

/**
 * What a PercentileWindow holds: its distinct values, smallest first, and how many of each (each
 * count > 0). Kept as two flat lists so a stored window is restored in O(n), without sorting.
 */
export interface PercentileState {
  values: ArrayLike<number>;
  counts: ArrayLike<number>;
}

/** A multiset of numbers drawn from a known set of values, answering nearest-rank percentiles. */
export class PercentileWindow {
  private readonly values: Float64Array;
  private readonly counts: FenwickTree;
  /** How many of each value (by 0-based position in `values`): what `state` lists. */
  private readonly tally: Float64Array;
  private n = 0;

  /**
   * `possibleValues`: every value that may be added; `held`: a window's state to start from (its
   * values may be added too). Costs O(h + k log k) for h held and k possible values.
   */
  constructor(possibleValues: readonly number[], held: PercentileState | null = null) {
    const more = Float64Array.from(possibleValues).sort();
    const kept = held?.values ?? [];
    const values = new Float64Array(kept.length + more.length);
    const tally = new Float64Array(values.length);
    // Merge the two sorted lists, each value once.
    let size = 0;
    let i = 0;
    let j = 0;
    while (i < kept.length || j < more.length) {
      const fromKept = j >= more.length || (i < kept.length && kept[i]! <= more[j]!);
      const value = fromKept ? kept[i]! : more[j]!;
      if (size === 0 || values[size - 1] !== value) values[size++] = value;
      if (fromKept) {
        tally[size - 1]! += held!.counts[i]!;
        this.n += held!.counts[i]!;
        i++;
      } else j++;
    }
    this.values = values.subarray(0, size);
    this.tally = tally.subarray(0, size);
    this.counts = FenwickTree.of(this.tally);
  }

  add(value: number, count = 1): void {
    const index = this.indexOf(value);
    this.counts.add(index, count);
    this.tally[index - 1]! += count;
    this.n += count;
  }

  remove(value: number): void {
    const index = this.indexOf(value);
    this.counts.add(index, -1);
    this.tally[index - 1]! -= 1;
    this.n -= 1;
  }

  /** The values held, each with its count, smallest first. */
  entries(): [number, number][] {
    const { values, counts } = this.state();
    return values.map((v, i) => [v, counts[i]!]);
  }

  /** The values held and their counts (what a stored window restores from). */
  state(): { values: number[]; counts: number[] } {
    const values: number[] = [];
    const counts: number[] = [];
    this.tally.forEach((count, i) => {
      if (count > 0) {
        values.push(this.values[i]!);
        counts.push(count);
      }
    });
    return { values, counts };
  }

  /**
   * `state()` as typed arrays (what the refresh keeps: the store writes them as bytes, so a window
   * is restored without parsing each value).
   */
  packed(): { values: Float64Array; counts: Uint32Array } {
    let size = 0;
    for (const count of this.tally) if (count > 0) size++;
    const values = new Float64Array(size);
    const counts = new Uint32Array(size);
    let j = 0;
    this.tally.forEach((count, i) => {
      if (count > 0) {
        values[j] = this.values[i]!;
        counts[j++] = count;
      }
    });
    return { values, counts };
  }

  /** Nearest rank, as `percentile` in stats.ts: null when empty. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    return this.values[this.counts.lastWhere((count) => count < rank)]!;
  }

  private indexOf(value: number): number {
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.values[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}

/**
 * Contributions per person in a window, answering the bus factor (the fewest people who account for
 * at least half of all contributions) as `busFactor` in stats.ts does, in O(log maxCount).
 * People are indexed by their count, largest count first, so a prefix is "everyone with ≥ c".
 */
export class BusFactorWindow {
  private readonly perPerson = new Map<string, number>();
  private readonly people: FenwickTree;
  private readonly mass: FenwickTree;
  private total = 0;

  /**
   * `maxCount`: no one can have more contributions in the window than this; `held`: the counts to
   * start from, built in O(people + maxCount) rather than one add each.
   */
  constructor(
    private readonly maxCount: number,
    held: { keys: readonly string[]; counts: ArrayLike<number> } | null = null,
  ) {
    const people = new Float64Array(maxCount);
    const mass = new Float64Array(maxCount);
    held?.keys.forEach((key, i) => {
      const count = held.counts[i]!;
      if (count <= 0) return;
      this.perPerson.set(key, count);
      people[this.slot(count) - 1]! += 1;
      mass[this.slot(count) - 1]! += count;
      this.total += count;
    });
    this.people = FenwickTree.of(people);
    this.mass = FenwickTree.of(mass);
  }

  /** A window holding `held`, to which up to `adding` more contributions may be added. */
  static of(
    adding: number,
    held: { keys: readonly string[]; counts: ArrayLike<number> },
  ): BusFactorWindow {
    let most = 0;
    for (let i = 0; i < held.counts.length; i++) most = Math.max(most, held.counts[i]!);
    return new BusFactorWindow(most + adding, held);
  }

  get distinct(): number {
    return this.perPerson.size;
  }

  add(key: string, count = 1): void {
    const before = this.perPerson.get(key) ?? 0;
    this.move(before, before + count);
    this.perPerson.set(key, before + count);
  }

  /** Each person in the window with their count. */
  entries(): [string, number][] {
    return [...this.perPerson];
  }

  /** Each person in the window with their count, as a map (not to be changed). */
  counts(): ReadonlyMap<string, number> {
    return this.perPerson;
  }

  remove(key: string): void {
    const before = this.perPerson.get(key) ?? 0;
    if (before === 0) return;
    this.move(before, before - 1);
    if (before === 1) this.perPerson.delete(key);
    else this.perPerson.set(key, before - 1);
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
