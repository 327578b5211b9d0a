import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BusFactorWindow,
  FenwickTree,
  PercentileWindow,
} from '../../../../server/kpi/order-statistics.js';
import { KeyedCounts } from '../../../../server/kpi/sliding.js';
import { busFactor, percentile } from '../../../../server/kpi/stats.js';

/** Random add/remove sequences, each remove taking out something present. */
const operations = <T>(item: fc.Arbitrary<T>) =>
  fc.array(fc.record({ add: fc.boolean(), item, pick: fc.nat() }), { maxLength: 200 });

describe('PercentileWindow', () => {
  test.each([
    { values: [], p: 50, expected: null },
    { values: [7], p: 50, expected: 7 },
    { values: [1, 2, 3, 4], p: 50, expected: 2 },
    { values: [1, 2, 3, 4], p: 90, expected: 4 },
    { values: [5, 5, 5, 1], p: 50, expected: 5 },
    { values: [2.5, 0, 10], p: 0, expected: 0 },
  ])('percentile $p of $values is $expected', ({ values, p, expected }) => {
    const window = new PercentileWindow(values);
    values.forEach((v) => window.add(v));
    expect(window.percentile(p)).toBe(expected);
  });

  test('equals the nearest-rank percentile of the sorted sample after any adds and removes', () => {
    fc.assert(
      fc.property(
        operations(fc.integer({ min: -50, max: 50 })),
        fc.integer({ min: 1, max: 100 }),
        (ops, p) => {
          const window = new PercentileWindow(ops.map((o) => o.item));
          const sample: number[] = [];
          for (const op of ops) {
            if (op.add || sample.length === 0) {
              window.add(op.item);
              sample.push(op.item);
            } else {
              const [gone] = sample.splice(op.pick % sample.length, 1);
              window.remove(gone!);
            }
            const sorted = [...sample].sort((a, b) => a - b);
            expect(window.percentile(p)).toBe(percentile(sorted, p));
          }
        },
      ),
    );
  });
});

describe('BusFactorWindow', () => {
  test.each([
    { keys: [], expected: 0 },
    { keys: ['a'], expected: 1 },
    { keys: ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'c', 'c'], expected: 1 },
    { keys: ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'], expected: 2 },
    { keys: ['a', 'b', 'c'], expected: 2 },
  ])('bus factor of $keys is $expected', ({ keys, expected }) => {
    const window = new BusFactorWindow(keys.length);
    keys.forEach((k) => window.add(k));
    expect(window.busFactor()).toBe(expected);
  });

  test('equals the bus factor of the per-person counts after any adds and removes', () => {
    fc.assert(
      fc.property(operations(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g')), (ops) => {
        const window = new BusFactorWindow(ops.length);
        const present: string[] = [];
        for (const op of ops) {
          if (op.add || present.length === 0) {
            window.add(op.item);
            present.push(op.item);
          } else {
            const [gone] = present.splice(op.pick % present.length, 1);
            window.remove(gone!);
          }
          const counts = new Map<string, number>();
          present.forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1));
          expect(window.busFactor()).toBe(busFactor(counts.values()));
          expect(window.distinct).toBe(counts.size);
        }
      }),
    );
  });
});

describe('a PercentileWindow restored from its state', () => {
  test('answers as the window it was taken from, before and after further adds and removes', () => {
    fc.assert(
      fc.property(
        // Durations all different, or a few whole hours (the new values are then often held too).
        fc
          .oneof(
            fc.constant(fc.double({ min: 0, max: 1000, noNaN: true })),
            fc.constant(fc.integer({ min: 0, max: 12 })),
          )
          .chain((value) =>
            fc.tuple(fc.array(value, { minLength: 1, maxLength: 80 }), operations(value)),
          ),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        ([held, ops], p, packed) => {
          const original = new PercentileWindow(held);
          held.forEach((v) => original.add(v));
          // As plain lists, or packed as typed arrays as the refresh keeps it;
          // the new values are known up front.
          const state = packed ? original.packed() : JSON.parse(JSON.stringify(original.state()));
          const restored = new PercentileWindow(
            ops.map((o) => o.item),
            state,
          );
          expect(restored.state()).toEqual(original.state());
          const sample = [...held];
          for (const op of ops) {
            if (op.add || sample.length === 0) {
              restored.add(op.item);
              sample.push(op.item);
            } else {
              const [gone] = sample.splice(op.pick % sample.length, 1);
              restored.remove(gone!);
            }
            const sorted = [...sample].sort((a, b) => a - b);
            expect(restored.percentile(p)).toBe(percentile(sorted, p));
          }
          // Its state, to be kept again, lists each value once with its count.
          const fresh = new PercentileWindow(sample);
          sample.forEach((v) => fresh.add(v));
          expect(restored.state()).toEqual(fresh.state());
        },
      ),
    );
  });

  test('a value removed to none and values added that it did not hold read as one window', () => {
    const restored = new PercentileWindow([1.5, 2.5, 9], { values: [1, 2, 3], counts: [1, 1, 2] });
    restored.remove(1);
    restored.add(1.5);
    restored.add(9);
    restored.remove(3);
    // Held: 1.5 (new), 2, 3, 9 (new).
    expect([0, 25, 50, 75, 100].map((p) => restored.percentile(p))).toEqual([1.5, 1.5, 2, 3, 9]);
    expect(restored.state()).toEqual({ values: [1.5, 2, 3, 9], counts: [1, 1, 1, 1] });
    expect(restored.packed().values).toEqual(Float64Array.from([1.5, 2, 3, 9]));
  });

  test('refuses a value it was not told it may hold', () => {
    const restored = new PercentileWindow([5], { values: [1], counts: [1] });
    expect(() => restored.add(4)).toThrow(/4 is not one of the window's possible values/);
  });

  test('its state lists each value once, smallest first, with its count', () => {
    const window = new PercentileWindow([3, 1, 2, 3, 0.5]);
    [3, 1, 3, 0.5].forEach((v) => window.add(v));
    expect(window.state()).toEqual({ values: [0.5, 1, 3], counts: [1, 1, 2] });
    expect(window.entries()).toEqual([
      [0.5, 1],
      [1, 1],
      [3, 2],
    ]);
  });
});

describe('a BusFactorWindow restored from its dump', () => {
  test('answers as the window it was taken from, and dumps the same counts again', () => {
    const person = fc.constantFrom('ann', 'bob', 'cy', 'dee', 'éva', 'Zoe', 'al');
    fc.assert(
      fc.property(fc.array(person, { maxLength: 60 }), operations(person), (held, ops) => {
        const original = new BusFactorWindow(held.length + ops.length);
        held.forEach((k) => original.add(k));
        const restored = BusFactorWindow.of(ops.length, original.dump());
        const present = [...held];
        for (const op of ops) {
          if (op.add || present.length === 0) {
            restored.add(op.item);
            present.push(op.item);
          } else {
            const [gone] = present.splice(op.pick % present.length, 1);
            restored.remove(gone!);
          }
        }
        const counts = new Map<string, number>();
        present.forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1));
        expect(restored.busFactor()).toBe(busFactor(counts.values()));
        expect(restored.distinct).toBe(counts.size);
        const keys = [...counts.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const dumped = restored.dump();
        expect(dumped.keys).toEqual(keys);
        expect(Array.from(dumped.counts)).toEqual(keys.map((k) => counts.get(k)));
      }),
    );
  });
});

describe('KeyedCounts', () => {
  test('keeps stored and new keys apart yet reads and dumps them as one map', () => {
    const counts = new KeyedCounts({ keys: ['a', 'c', 'e'], counts: Uint32Array.from([1, 2, 1]) });
    counts.set('a', 0);
    counts.set('b', 3);
    counts.set('f', 1);
    counts.set('f', 0);
    expect(counts.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((k) => counts.get(k))).toEqual([0, 3, 2, 0, 1, 0]);
    expect(counts.dump()).toEqual({ keys: ['b', 'c', 'e'], counts: Uint32Array.from([3, 2, 1]) });
  });

  test('leaves the stored counts it was built from as they were', () => {
    const stored = { keys: ['a'], counts: Uint32Array.from([2]) };
    new KeyedCounts(stored).set('a', 5);
    expect([...stored.counts]).toEqual([2]);
  });
});

describe('FenwickTree.of', () => {
  test('holds the same prefix sums as adding each count', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { maxLength: 100 }), (counts) => {
        const built = FenwickTree.of(counts);
        const added = new FenwickTree(counts.length);
        counts.forEach((c, i) => added.add(i + 1, c));
        for (let i = 0; i <= counts.length; i++) expect(built.prefix(i)).toBe(added.prefix(i));
        expect(built.lastWhere((s) => s < 10)).toBe(added.lastWhere((s) => s < 10));
      }),
    );
  });
});
