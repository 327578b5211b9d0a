import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  BusFactorWindow,
  FenwickTree,
  PercentileWindow,
} from '../../../../server/kpi/order-statistics.js';
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
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 80 }),
        operations(fc.double({ min: 0, max: 1000, noNaN: true })),
        fc.integer({ min: 1, max: 100 }),
        (held, ops, p) => {
          const original = new PercentileWindow(held);
          held.forEach((v) => original.add(v));
          // Stored as JSON, as the refresh keeps it; the new values are known up front.
          const state = JSON.parse(JSON.stringify(original.state()));
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
        },
      ),
    );
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
