import { describe, expect, test } from 'vitest';
import { addDays, dayRange } from '../../../../shared/dates.js';
import {
  dailyChanges,
  meanAndSd,
  normalCdf,
  oddsOfMeeting,
  probabilityOfSum,
  type OddsInput,
} from '../../../../server/kpi/odds.js';

const TODAY = '2026-07-01';

/** `days` daily values ending today: start, then the given changes repeated in turn. */
function walk(days: number, start: number, changes: readonly number[]) {
  let v = start;
  return dayRange(addDays(TODAY, -days + 1), TODAY).map((t, i) => {
    if (i > 0) v += changes[(i - 1) % changes.length]!;
    return { t, v };
  });
}

const base: Omit<OddsInput, 'series' | 'target'> = {
  direction: 'at_least',
  today: TODAY,
  deadline: '2026-12-31', // 183 days left
  keepsWhenMet: true,
};

describe('oddsOfMeeting', () => {
  test.each([
    // name, input, expected probability (or a range), expected reason
    [
      'already met, a running level: made',
      { target: 100, series: walk(60, 200, [1, -1]) },
      1,
      null,
    ],
    [
      'deadline passed and not met: 0',
      { target: 1000, series: walk(60, 0, [1]), deadline: '2026-06-30' },
      0,
      null,
    ],
    [
      'deadline passed and met (a window metric): 1',
      { target: 10, series: walk(60, 50, [1]), deadline: '2026-06-01', keepsWhenMet: false },
      1,
      null,
    ],
    ['no data', { target: 10, series: [] }, null, 'no_data'],
    [
      'a standing target has no "by"',
      { target: 1000, series: walk(60, 0, [1]), deadline: null },
      null,
      'no_deadline',
    ],
    [
      '27 changes are too few',
      { target: 1000, series: walk(28, 0, [1, 3]) },
      null,
      'not_enough_history',
    ],
    // Steady +2/day with no spread: 0 + 2·(59 + 183) = 484 reached, 485 not.
    ['no spread, the line reaches it', { target: 484, series: walk(60, 0, [2]) }, 1, null],
    ['no spread, the line falls short', { target: 485, series: walk(60, 0, [2]) }, 0, null],
    [
      'at_most mirrored: falling 1/day from 300 reaches 168 long before the deadline',
      { target: 168, series: walk(60, 300, [-1]), direction: 'at_most', keepsWhenMet: false },
      1,
      null,
    ],
  ] as const)('%s', (_name, input, probability, reason) => {
    const odds = oddsOfMeeting({ ...base, ...input });
    expect(odds.probability).toBe(probability);
    expect(odds.reason).toBe(reason);
  });

  test('a noisy walk right on the line is a coin toss; further above, likelier', () => {
    // Alternating +0 and +4: mean 2/day over 90 changes; the line ends at 100 + 2·(90 + 183).
    const series = walk(91, 100, [0, 4]);
    const end = 100 + 2 * 90 + 2 * 183;
    expect(oddsOfMeeting({ ...base, target: end, series }).probability).toBeCloseTo(0.5, 2);
    const lower = oddsOfMeeting({ ...base, target: end - 60, series }).probability!;
    const higher = oddsOfMeeting({ ...base, target: end + 60, series }).probability!;
    expect(lower).toBeGreaterThan(0.7);
    expect(higher).toBeLessThan(0.3);
    expect(lower + higher).toBeCloseTo(1, 6); // symmetric around the line
  });

  test('only the trailing 90 days count: an old surge does not lift the odds', () => {
    const old = walk(200, 0, [50]).slice(0, 110);
    const recent = walk(90, old.at(-1)!.v, [0]);
    const odds = oddsOfMeeting({
      ...base,
      target: old.at(-1)!.v + 1,
      series: [...old, ...recent.slice(1)],
    });
    expect(odds.probability).toBe(0);
  });
});

describe('helpers', () => {
  test.each([
    [0, 0.5],
    [1, 0.841345],
    [-1.96, 0.024998],
    [3, 0.99865],
    [Infinity, 1],
    [-Infinity, 0],
  ])('Φ(%s) = %s', (z, p) => expect(normalCdf(z)).toBeCloseTo(p, 5));

  test('daily changes skip gaps between known days', () => {
    const known = [
      { t: '2026-06-01', v: 1 },
      { t: '2026-06-02', v: 3 },
      { t: '2026-06-05', v: 10 }, // three days later: not one day's change
      { t: '2026-06-06', v: 9 },
    ];
    expect(dailyChanges(known, '2026-06-06')).toEqual([2, -1]);
  });

  test.each([
    [[], 0, 0],
    [[5], 5, 0],
    [[1, 3], 2, Math.SQRT2],
  ])('mean and sample s.d. of %j', (sample, mean, sd) => {
    expect(meanAndSd(sample)).toEqual({ mean, sd: expect.closeTo(sd, 10) as number });
  });

  test('a far deadline is less certain than the naive n·σ² says (μ is an estimate too)', () => {
    const sample = Array.from({ length: 30 }, (_, i) => (i % 2 ? 3 : 1)); // mean 2, s.d. ≈ 1.02
    const p = probabilityOfSum(0, sample, 300, { direction: 'at_least', target: 540 });
    // Naive: Φ(60 / (1.017·√300)) ≈ 0.9997; with μ's uncertainty the spread is √11 times wider:
    // Φ(60 / (1.017·√3300)) ≈ 0.848.
    expect(p).toBeCloseTo(0.848, 2);
  });
});
