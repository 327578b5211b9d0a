import { describe, expect, test } from 'vitest';
import {
  aggregate,
  carryForward,
  cumulativeCounts,
  dailyCounts,
  dailySums,
  trailingSums,
  windowBusFactor,
  windowDistinct,
  windowPercentile,
  windowPercentileOf,
} from '../../../../server/kpi/series.js';

const values = (points: { v: number | null }[]) => points.map((p) => p.v);

describe('daily series', () => {
  test('counts per day, with zeros', () => {
    expect(
      values(dailyCounts(['2026-01-02', '2026-01-02', '2026-01-04'], '2026-01-01', '2026-01-04')),
    ).toEqual([0, 2, 0, 1]);
  });

  test('sums per day of counted items, with zeros; items outside the range left out', () => {
    const items = [
      { day: '2025-12-31', count: 9 },
      { day: '2026-01-02', count: 3 },
      { day: '2026-01-02', count: 4 },
      { day: '2026-01-03', count: 1 },
    ];
    expect(values(dailySums(items, '2026-01-01', '2026-01-03'))).toEqual([0, 7, 1]);
  });

  test('cumulative counts include what came before the range', () => {
    expect(
      values(
        cumulativeCounts(['2025-12-01', '2026-01-02', '2026-01-02'], '2026-01-01', '2026-01-03'),
      ),
    ).toEqual([1, 3, 3]);
  });

  test('carry forward: null before the first known value', () => {
    const known = new Map([
      ['2026-01-02', 10],
      ['2026-01-04', 7],
    ]);
    expect(values(carryForward(known, '2026-01-01', '2026-01-05'))).toEqual([null, 10, 10, 7, 7]);
  });

  test('a windowed percentile covers the window ending at the end of each day; empty → null', () => {
    const items = [
      { day: '2026-01-01', value: 10 },
      { day: '2026-01-02', value: 30 },
      { day: '2026-01-03', value: 20 },
    ];
    // 2-day windows: (D-1, D]
    expect(values(windowPercentile(items, '2026-01-01', '2026-01-06', 2, 50))).toEqual([
      10,
      10,
      20,
      20,
      null,
      null,
    ]);
  });

  test('a windowed percentile of values kept as columns (by day) equals it over objects', () => {
    const days = ['2026-01-01', '2026-01-01', '2026-01-02', '2026-01-04', '2026-01-04'];
    const hours = [5, 1.5, 30, 2, 2];
    const items = days.map((day, i) => ({ day, value: hours[i]! }));
    for (const p of [50, 90])
      expect(windowPercentileOf({ days, values: hours }, '2026-01-01', '2026-01-06', 3, p)).toEqual(
        windowPercentile(items, '2026-01-01', '2026-01-06', 3, p),
      );
    expect(
      values(windowPercentileOf({ days: [], values: [] }, '2026-01-01', '2026-01-02', 3, 50)),
    ).toEqual([null, null]);
  });

  test('distinct keys and bus factor in a trailing window', () => {
    const items = [
      { day: '2026-01-01', key: 'a' },
      { day: '2026-01-01', key: 'a' },
      { day: '2026-01-02', key: 'b' },
      { day: '2026-01-03', key: 'a' },
    ];
    expect(values(windowDistinct(items, '2026-01-01', '2026-01-04', 2))).toEqual([1, 2, 2, 1]);
    expect(values(windowBusFactor(items, '2026-01-01', '2026-01-04', 3))).toEqual([1, 1, 1, 1]);
  });

  const days = (vs: (number | null)[]) => vs.map((v, i) => ({ t: `2026-01-0${i + 1}`, v }));
  test.each([
    ['every day counted', [1, 2, 3, 4], 2, [1, 3, 5, 7]],
    ['counted zeros are a sum of 0', [0, 0, 0], 2, [0, 0, 0]],
    ['one day', [5], 7, [5]],
    ['the empty sample', [], 7, []],
    // Docker Hub pulls: the first reading gives no figure; the second gives the first day's.
    ['nothing counted before the first figure', [null, null, 40, 10], 7, [null, null, 40, 50]],
    ['a window of uncounted days only', [3, null, null, null, 2], 2, [3, 3, null, null, 2]],
    ['uncounted days inside a window add nothing', [3, null, 4], 3, [3, 3, 7]],
    // npm's downloads: today's figure is published tomorrow.
    ['no sum after the last counted day', [1, 2, 3, null], 3, [1, 3, 6, null]],
  ])('trailing sums: %s', (_name, daily, window, sums) => {
    expect(values(trailingSums(days(daily), window))).toEqual(sums);
  });
});

describe('aggregating days into weeks and months', () => {
  const days = [
    { t: '2026-02-27', v: 1 }, // Friday
    { t: '2026-02-28', v: null },
    { t: '2026-03-01', v: 3 }, // Sunday
    { t: '2026-03-02', v: 4 }, // Monday
  ];
  test.each([
    [
      'week',
      'per_period',
      [
        { t: '2026-02-23', v: 4 },
        { t: '2026-03-02', v: 4 },
      ],
    ],
    [
      'week',
      'level',
      [
        { t: '2026-02-23', v: 3 },
        { t: '2026-03-02', v: 4 },
      ],
    ],
    [
      'month',
      'per_period',
      [
        { t: '2026-02-01', v: 1 },
        { t: '2026-03-01', v: 7 },
      ],
    ],
    [
      'month',
      'window',
      [
        { t: '2026-02-01', v: 1 },
        { t: '2026-03-01', v: 4 },
      ],
    ],
    ['day', 'level', days],
  ] as const)('%s, %s', (interval, kind, expected) => {
    expect(aggregate(days, interval, kind)).toEqual(expected);
  });
});
