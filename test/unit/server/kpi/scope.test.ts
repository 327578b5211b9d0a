import { describe, expect, test } from 'vitest';
import { contributorSeries, sumSeries } from '../../../../server/kpi/scope.js';
import type { Point } from '../../../../server/kpi/series.js';

const c = (contributor: string, at: string) => ({ contributor, at });
const values = (points: Point[]) => points.map((p) => p.v);

describe('contributorSeries', () => {
  const contributions = [
    c('a', '2026-03-01T10:00:00Z'),
    c('b', '2026-03-02T10:00:00Z'),
    c('a', '2026-03-03T10:00:00Z'), // a again: not new, still one person
    c('c', '2026-03-03T23:30:00Z'), // the 4th in Berlin
  ];
  test.each([
    ['github.contributors', 'UTC', [1, 2, 3, 3]],
    ['github.contributors.new', 'UTC', [1, 1, 1, 0]],
    ['github.contributions', 'UTC', [1, 1, 2, 0]],
    ['github.contributors.active', 'UTC', [1, 2, 3, 3]],
    ['github.contributors', 'Europe/Berlin', [1, 2, 2, 3]],
    ['github.bus_factor', 'UTC', [1, 1, 1, 1]], // a makes half of the 4 alone
  ])('%s in %s', (metric, zone, expected) => {
    const points = contributorSeries(metric, contributions, zone, '2026-03-04');
    expect(points.map((p) => p.t)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    expect(values(points)).toEqual(expected);
  });
  test('no contributions, or all after today: no series', () => {
    expect(contributorSeries('github.contributors', [], 'UTC', '2026-03-04')).toEqual([]);
    expect(
      contributorSeries(
        'github.contributors',
        [c('a', '2026-05-01T00:00:00Z')],
        'UTC',
        '2026-03-04',
      ),
    ).toEqual([]);
  });
  test('the active window forgets a contributor after 90 days', () => {
    const points = contributorSeries(
      'github.contributors.active',
      [c('a', '2026-01-01T12:00:00Z')],
      'UTC',
      '2026-04-01',
    );
    expect(points.find((p) => p.t === '2026-03-31')!.v).toBe(1); // day 90
    expect(points.at(-1)!.v).toBe(0); // day 91
  });
  test('a leap day is a day', () => {
    const points = contributorSeries(
      'github.contributors',
      [c('a', '2028-02-28T12:00:00Z'), c('b', '2028-02-29T12:00:00Z')],
      'UTC',
      '2028-03-01',
    );
    expect(points).toEqual([
      { t: '2028-02-28', v: 1 },
      { t: '2028-02-29', v: 2 },
      { t: '2028-03-01', v: 2 },
    ]);
  });
});

describe('sumSeries', () => {
  const a: Point[] = [
    { t: '2026-01-01', v: 1 },
    { t: '2026-01-02', v: 2 },
    { t: '2026-01-03', v: 3 },
  ];
  const b: Point[] = [
    { t: '2026-01-02', v: 10 },
    { t: '2026-01-03', v: null },
  ];
  test.each([
    ['one series', [a], true, [1, 2, 3]],
    ['a later start counts 0 before it', [a, b], true, [1, 12, 3]],
    ['a level carries its last value past its end', [b.slice(0, 1), a], true, [1, 12, 13]],
    ['a count is 0 past its end', [b.slice(0, 1), a], false, [1, 12, 3]],
    ['no series', [], true, []],
  ])('%s', (_, parts, carry, expected) => {
    expect(values(sumSeries(parts, carry))).toEqual(expected);
  });
});
