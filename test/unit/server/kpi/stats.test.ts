import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  addDays,
  dayOf,
  dayRange,
  daysBetween,
  monthStart,
  weekStart,
} from '../../../../shared/dates.js';
import { busFactor, leastSquares, percentile } from '../../../../server/kpi/stats.js';

describe('percentile (nearest rank)', () => {
  test.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 90, 7],
    [[1, 2], 50, 1],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5], 50, 3],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[5, 5, 5, 9], 50, 5], // ties
    [[0, 0, 3], 50, 0], // a real zero is not "no data"
  ])('%j p%i = %s', (sample, p, expected) => {
    expect(percentile(sample, p)).toBe(expected);
  });
});

describe('bus factor', () => {
  test.each([
    [[], 0],
    [[10], 1],
    [[5, 5], 1], // exactly half is enough
    [[4, 3, 3], 2],
    [[1, 1, 1, 1, 1, 1], 3],
    [[90, 5, 5], 1],
    [[0, 0], 0],
  ])('%j → %i', (counts, expected) => {
    expect(busFactor(counts)).toBe(expected);
  });
});

describe('least squares', () => {
  test('an exact line', () => {
    expect(
      leastSquares([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
  });
  test('fewer than two distinct x has no line', () => {
    expect(leastSquares([])).toBeNull();
    expect(leastSquares([{ x: 1, y: 1 }])).toBeNull();
    expect(
      leastSquares([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
  test('noise averages out', () => {
    const line = leastSquares([
      { x: 0, y: 0 },
      { x: 1, y: 2 },
      { x: 2, y: 2 },
      { x: 3, y: 4 },
    ])!;
    expect(line.slope).toBeCloseTo(1.2);
    expect(line.intercept).toBeCloseTo(0.2);
  });
});

describe('calendar days', () => {
  test.each([
    ['2026-03-29T00:30:00Z', 'UTC', '2026-03-29'],
    ['2026-03-29T23:59:59.999Z', 'UTC', '2026-03-29'],
    ['2026-03-29T23:30:00.000+00:00', 'UTC', '2026-03-29'], // Discord's form
    ['2026-03-29T23:30:00-02:00', 'UTC', '2026-03-30'], // an offset is honoured
    ['2026-03-28T23:30:00Z', 'Europe/Berlin', '2026-03-29'], // 00:30 CET
    ['2026-03-29T22:30:00Z', 'Europe/Berlin', '2026-03-30'], // 00:30 CEST: after the spring DST change
    ['2026-10-25T22:30:00Z', 'Europe/Berlin', '2026-10-25'], // 23:30 CET: after the autumn change
    ['2026-03-08T07:30:00Z', 'America/New_York', '2026-03-08'],
    ['2026-03-08T04:30:00Z', 'America/New_York', '2026-03-07'],
    ['2024-02-29T12:00:00Z', 'Pacific/Auckland', '2024-03-01'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(dayOf(instant, zone)).toBe(day);
  });

  test('day arithmetic across leap days and DST is whole days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(dayRange('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  test.each([
    ['2026-11-22', '2026-11-16'], // a Sunday belongs to the week that began Monday
    ['2026-11-23', '2026-11-23'],
    ['2027-01-01', '2026-12-28'],
  ])('week of %s starts %s', (day, start) => {
    expect(weekStart(day)).toBe(start);
  });

  test('month start', () => expect(monthStart('2024-02-29')).toBe('2024-02-01'));
});

describe('dayOf in zones with odd offsets and DST', () => {
  const zones = [
    'Europe/Berlin',
    'America/St_Johns', // −3:30, DST
    'Asia/Kathmandu', // +5:45
    'Australia/Lord_Howe', // +10:30, a 30-minute DST shift
    'Pacific/Chatham', // +12:45, DST
    'America/Los_Angeles',
  ];
  test('Newfoundland changed its offset at 00:01 local time until 2011: the minute after counts', () => {
    // 1997-10-26 00:01 NDT (02:31 UTC) became 1997-10-25 23:01 NST: the same UTC quarter hour
    // holds instants of two local days.
    const zone = 'America/St_Johns';
    expect(dayOf('1997-10-26T02:30:00Z', zone)).toBe('1997-10-26');
    expect(dayOf('1997-10-26T02:31:00Z', zone)).toBe('1997-10-25');
    expect(dayOf('1997-10-26T02:36:00Z', zone)).toBe('1997-10-25');
  });

  // Two hours of instants five minutes apart per run, so instants that share an hour are compared.
  test('equals the zone calendar day of the instant, for any instant (1990–2035)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.constantFrom(...zones),
        (start, zone) => {
          const format = new Intl.DateTimeFormat('en-CA', {
            timeZone: zone,
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
          });
          for (let ms = start; ms < start + 2 * 3_600_000; ms += 5 * 60_000) {
            expect(dayOf(new Date(ms).toISOString(), zone)).toBe(format.format(new Date(ms)));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
