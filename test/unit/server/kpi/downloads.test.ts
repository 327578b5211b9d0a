import { describe, expect, test } from 'vitest';
import {
  dailyPulls,
  downloadSeries,
  sumOfLastDays,
  sumSeries,
} from '../../../../server/kpi/downloads.js';

const row = (pkg: string, day: string, downloads: number) => ({ package: pkg, day, downloads });
const values = (points: { v: number | null }[] | undefined) => points?.map((p) => p.v);

describe('downloadSeries', () => {
  test('no rows: only an all-null total', () => {
    const series = downloadSeries([], '2026-01-01', '2026-01-03');
    expect([...series.keys()]).toEqual(['all']);
    expect(values(series.get('all'))).toEqual([null, null, null]);
  });

  test('null outside what was counted, 0 for a missing day inside it (PyPI leaves those out)', () => {
    const series = downloadSeries(
      [row('a', '2026-01-02', 5), row('a', '2026-01-04', 7)],
      '2026-01-01',
      '2026-01-05',
    );
    expect(values(series.get('a'))).toEqual([null, 5, 0, 7, null]);
  });

  test('scope all sums the packages that have a value that day', () => {
    const series = downloadSeries(
      [row('b', '2026-01-01', 1), row('b', '2026-01-02', 2), row('a', '2026-01-02', 10)],
      '2026-01-01',
      '2026-01-03',
    );
    expect([...series.keys()]).toEqual(['a', 'b', 'all']);
    expect(values(series.get('all'))).toEqual([1, 12, null]);
  });

  test('a leap day is a day like any other', () => {
    const series = downloadSeries(
      [row('a', '2028-02-28', 1), row('a', '2028-03-01', 3)],
      '2028-02-28',
      '2028-03-01',
    );
    expect(series.get('a')).toEqual([
      { t: '2028-02-28', v: 1 },
      { t: '2028-02-29', v: 0 },
      { t: '2028-03-01', v: 3 },
    ]);
  });
});

describe('dailyPulls', () => {
  const snap = (day: string, pull_count: number, repository = 'acme/server') => ({
    repository,
    day,
    pull_count,
  });

  test.each([
    ['one snapshot gives no daily value', [snap('2026-01-01', 100)], [null, null, null]],
    [
      'consecutive days: the difference of their last snapshots',
      [snap('2026-01-01', 100), snap('2026-01-02', 130), snap('2026-01-03', 131)],
      [null, 30, 1],
    ],
    [
      'a gap: the rise is spread over the days without a snapshot, the remainder on the newest',
      [snap('2026-01-01', 100), snap('2026-01-03', 105)],
      [null, 2, 3],
    ],
    [
      'a fall (a reset) is no value, and the next rise counts from the lower total',
      [snap('2026-01-01', 100), snap('2026-01-02', 40), snap('2026-01-03', 50)],
      [null, null, 10],
    ],
  ])('%s', (_name, snapshots, expected) => {
    const series = dailyPulls(snapshots, '2026-01-01', '2026-01-03');
    expect(values(series.get('acme/server'))).toEqual(expected);
    expect(values(series.get('all'))).toEqual(expected);
  });

  test('repositories are kept apart and summed in all', () => {
    const series = dailyPulls(
      [
        snap('2026-01-01', 10, 'b/y'),
        snap('2026-01-02', 15, 'b/y'),
        snap('2026-01-01', 1, 'a/x'),
        snap('2026-01-02', 3, 'a/x'),
      ],
      '2026-01-02',
      '2026-01-02',
    );
    expect([...series.keys()]).toEqual(['a/x', 'b/y', 'all']);
    expect(values(series.get('all'))).toEqual([7]);
  });

  test('the sum over a stretch equals the counter’s rise over it', () => {
    const snapshots = [
      snap('2026-01-01', 1000),
      snap('2026-01-04', 1007),
      snap('2026-01-09', 1100),
    ];
    const points = dailyPulls(snapshots, '2026-01-02', '2026-01-09').get('acme/server')!;
    expect(points.reduce((n, p) => n + (p.v ?? 0), 0)).toBe(100);
  });
});

describe('sums', () => {
  test('sumSeries keeps null where no series has a value', () => {
    const a = [
      { t: '2026-01-01', v: 1 },
      { t: '2026-01-02', v: null },
    ];
    const b = [
      { t: '2026-01-01', v: null },
      { t: '2026-01-02', v: null },
    ];
    expect(sumSeries([a, b], '2026-01-01', '2026-01-02')).toEqual([
      { t: '2026-01-01', v: 1 },
      { t: '2026-01-02', v: null },
    ]);
  });

  test.each([
    [[], null],
    [[null, null], null],
    [[1, null, 2], 3],
    [[5, 1, 1, 1, 1, 1, 1, 1], 7],
  ])('sumOfLastDays(%j, 7) = %j', (vs, expected) => {
    const points = vs.map((v, i) => ({ t: `2026-01-${String(i + 1).padStart(2, '0')}`, v }));
    expect(sumOfLastDays(points, 7)).toBe(expected);
  });
});
