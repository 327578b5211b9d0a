import { describe, expect, test } from 'vitest';
import { trafficSeries, type TrafficDayRow } from '../../../../server/kpi/traffic.js';

const row = (repo: string, day: string, count: number, uniques = 0): TrafficDayRow => ({
  repo_id: repo,
  kind: 'views',
  day,
  count,
  uniques,
});

describe('trafficSeries', () => {
  test('no rows: no series', () => {
    expect(trafficSeries([], 'views', 'count', '2026-03-10')).toEqual([]);
  });

  test('one repo: its days to today, unknown days null (never 0)', () => {
    const rows = [row('r1', '2026-03-07', 5, 2), row('r1', '2026-03-09', 0, 0)];
    const [all, r1] = trafficSeries(rows, 'views', 'count', '2026-03-10');
    expect(r1).toEqual({
      scope: 'r1',
      points: [
        { t: '2026-03-07', v: 5 },
        { t: '2026-03-08', v: null },
        { t: '2026-03-09', v: 0 },
        { t: '2026-03-10', v: null },
      ],
    });
    expect(all!.scope).toBe('all');
    expect(all!.points).toEqual(r1!.points);
  });

  test.each([
    ['count', [12, 3, 9]],
    ['uniques', [5, 1, 4]],
  ] as const)('%s: all sums the repos that have the day', (field, expected) => {
    const rows = [
      row('r1', '2026-02-28', 10, 4),
      row('r2', '2026-02-28', 2, 1),
      row('r2', '2026-03-01', 3, 1),
      row('r1', '2026-03-02', 9, 4),
    ];
    const [all] = trafficSeries(rows, 'views', field, '2026-03-02');
    expect(all!.points.map((p) => p.v)).toEqual(expected);
  });

  test('leap day and the other kind are kept apart; days after today are left out', () => {
    const rows: TrafficDayRow[] = [
      row('r1', '2028-02-28', 1),
      row('r1', '2028-02-29', 2),
      { ...row('r1', '2028-02-29', 50), kind: 'clones' },
      row('r1', '2028-03-02', 7),
    ];
    const [, r1] = trafficSeries(rows, 'views', 'count', '2028-03-01');
    expect(r1!.points).toEqual([
      { t: '2028-02-28', v: 1 },
      { t: '2028-02-29', v: 2 },
      { t: '2028-03-01', v: null },
    ]);
  });
});
