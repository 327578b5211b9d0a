import { describe, expect, test } from 'vitest';
import { addDays, dayRange } from '../../../../shared/dates.js';
import {
  evaluatePerPeriod,
  nextPeriodStart,
  periodStart,
  type PerPeriodTarget,
} from '../../../../server/kpi/per-period.js';

/** A count per day from `from` to `to`: `perDay(day)`. */
const daily = (from: string, to: string, perDay: (day: string) => number) =>
  dayRange(from, to).map((t) => ({ t, v: perDay(t) }));

const monthly: PerPeriodTarget = {
  direction: 'at_least',
  target: 500,
  baseline: null,
  start: '2026-01-01',
  deadline: '2026-12-31',
  per: 'month',
};

describe('period boundaries', () => {
  test.each([
    ['2026-11-23', 'week', '2026-11-23', '2026-11-30'], // a Monday starts its own week
    ['2026-11-29', 'week', '2026-11-23', '2026-11-30'], // Sunday ends it
    ['2026-01-01', 'week', '2025-12-29', '2026-01-05'], // across the new year
    ['2026-02-28', 'month', '2026-02-01', '2026-03-01'],
    ['2028-02-29', 'month', '2028-02-01', '2028-03-01'], // leap day
    ['2026-12-31', 'month', '2026-12-01', '2027-01-01'],
    ['2026-03-31', 'quarter', '2026-01-01', '2026-04-01'],
    ['2026-11-23', 'quarter', '2026-10-01', '2027-01-01'],
  ] as const)('%s in its %s: %s, next %s', (day, per, start, next) => {
    expect(periodStart(day, per)).toBe(start);
    expect(nextPeriodStart(start, per)).toBe(next);
  });
});

describe('evaluatePerPeriod', () => {
  // 20 a day in odd months (620 in January, March, May), 10 a day in even ones (280, 300).
  const history = daily('2026-01-01', '2026-06-10', (d) => (Number(d.slice(5, 7)) % 2 ? 20 : 10));

  test('current is the last complete month; the running one is so far, with a forecast', () => {
    const e = evaluatePerPeriod(monthly, history, '2026-06-10');
    expect(e.current).toBe(620); // May
    expect(e.periods).toEqual({
      per: 'month',
      met: 3, // January, March, May
      complete: 5,
      running: expect.objectContaining({
        from: '2026-06-01',
        to: '2026-06-30',
        soFar: 100,
      }) as object,
      last: { from: '2026-05-01', to: '2026-05-31' },
    });
    // 100 so far + 20 days left at the trailing mean (90 days: Mar 13 – Jun 10).
    const recent = history.filter((p) => p.t > addDays('2026-06-10', -90)).map((p) => p.v);
    const mean = recent.reduce((s, v) => s + v, 0) / recent.length;
    expect(e.periods.running!.forecast).toBeCloseTo(100 + 20 * mean, 6);
    expect(e.status).toBe('achieved'); // May met it
    expect(e.baseline).toBe(620); // January, the first complete month
    expect(e.baselineFrom).toEqual({ source: 'period_start', day: '2026-01-01' });
    expect(e.probability).toBeGreaterThan(0);
    expect(e.probability).toBeLessThan(0.01); // 100 + 20 days at ~15 falls far short of 500
  });

  test('a month that fell short: current is its total and the status judges the running month', () => {
    const e = evaluatePerPeriod(monthly, history, '2026-05-10');
    expect(e.current).toBe(300); // April, 30 × 10
    expect(e.progress).toBe(0.6); // 300 of 500: each month starts from zero
    // May so far: 200; 21 days left at the trailing mean (190 + 620 + 300 + 200) / 90.
    expect(e.forecast).toBeCloseTo(200 + (21 * 1310) / 90, 6);
    expect(e.status).toBe('on_track');
    expect(e.periods).toMatchObject({ met: 2, complete: 4 });
  });

  test('no complete month yet: no current, the running month decides the status', () => {
    const e = evaluatePerPeriod(
      monthly,
      daily('2026-01-01', '2026-01-20', () => 30),
      '2026-01-20',
    );
    expect(e.current).toBeNull();
    expect(e.periods).toMatchObject({ met: 0, complete: 0, last: null });
    expect(e.periods.running).toMatchObject({ soFar: 600, forecast: 600 + 11 * 30 });
    expect(e.status).toBe('on_track');
    expect(e.probability).toBeNull(); // 20 days of history: not enough for odds
  });

  test('a month that began before the data is not counted (its total would be short)', () => {
    const e = evaluatePerPeriod(
      monthly,
      daily('2026-01-15', '2026-03-05', () => 20),
      '2026-03-05',
    );
    expect(e.periods).toMatchObject({ complete: 1, met: 1, last: { from: '2026-02-01' } });
  });

  test('weeks start on Monday and days without a point count 0', () => {
    const days = [
      { t: '2026-11-09', v: 3 }, // Monday
      { t: '2026-11-15', v: 4 }, // Sunday, same week
      { t: '2026-11-16', v: 9 }, // next Monday
      { t: '2026-11-18', v: 1 },
    ];
    const weekly = { ...monthly, per: 'week' as const, target: 5, start: '2026-11-09' };
    const e = evaluatePerPeriod(weekly, days, '2026-11-18');
    expect(e.current).toBe(7);
    expect(e.periods).toMatchObject({ complete: 1, met: 1, running: { soFar: 10 } });
  });

  test('at_most: a quiet week meets "at most 5 incidents a week"', () => {
    const days = daily('2026-11-02', '2026-11-18', (d) => (d < '2026-11-09' ? 2 : 0));
    const e = evaluatePerPeriod(
      { ...monthly, per: 'week', target: 5, direction: 'at_most', start: '2026-11-02' },
      days,
      '2026-11-18',
    );
    expect(e.periods).toMatchObject({ complete: 2, met: 1 }); // 14, then 0
    expect(e.status).toBe('achieved');
  });

  test('past the deadline: missed when the last period fell short, with odds 0', () => {
    const e = evaluatePerPeriod({ ...monthly, deadline: '2026-04-30' }, history, '2026-06-10');
    expect(e.periods).toMatchObject({ complete: 4, met: 2, running: null });
    expect(e.status).toBe('missed');
    expect(e.probability).toBe(0);
  });

  test('no data', () => {
    const e = evaluatePerPeriod(monthly, [], '2026-06-10');
    expect(e).toMatchObject({ status: 'no_data', current: null, probability: null });
  });
});
