import { describe, expect, test } from 'vitest';
import { addDays, dayRange } from '../../../../shared/dates.js';
import {
  dailyChanges,
  meanAndSd,
  normalCdf,
  oddsOfMeeting,
  probabilityAround,
  spreadOfSum,
  trendErrorDays,
  type OddsInput,
} from '../../../../server/kpi/odds.js';
import { evaluateKeyResult } from '../../../../server/kpi/okr.js';

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

  test('a noisy walk: a target at the forecast is a coin toss; below it likelier, above it less', () => {
    // Alternating +0 and +4: 2/day; the forecast is the 28-day line at the deadline.
    const series = walk(91, 100, [0, 4]);
    const kr = {
      direction: 'at_least',
      baseline: null,
      start: null,
      deadline: base.deadline,
    } as const;
    const forecast = evaluateKeyResult({ ...kr, target: 1000 }, series, TODAY).forecast!;
    expect(forecast).toBeCloseTo(100 + 2 * 90 + 2 * 183, -1);
    expect(oddsOfMeeting({ ...base, target: forecast, series }).probability).toBeCloseTo(0.5, 6);
    const lower = oddsOfMeeting({ ...base, target: forecast - 60, series }).probability!;
    const higher = oddsOfMeeting({ ...base, target: forecast + 60, series }).probability!;
    expect(lower).toBeGreaterThan(0.6);
    expect(higher).toBeLessThan(0.4);
    expect(lower + higher).toBeCloseTo(1, 6); // symmetric around the forecast
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

/** Daily values ending today: from `start`, each segment's changes (repeated in turn) for its days. */
function paced(start: number, segments: readonly (readonly [days: number, changes: number[]])[]) {
  const steps = segments.flatMap(([days, changes]) =>
    Array.from({ length: days }, (_, i) => changes[i % changes.length]!),
  );
  let v = start;
  return dayRange(addDays(TODAY, -steps.length), TODAY).map((t, i) => {
    if (i > 0) v += steps[i - 1]!;
    return { t, v };
  });
}

// 90 days of changes; the pace changed four weeks ago.
// prettier-ignore
const SPED_UP = paced(0, [[63, [0, 2]], [27, [4, 6]]]); // 1 a day, then 5 a day
// prettier-ignore
const SLOWED = paced(0, [[63, [4, 6]], [27, [0, 2]]]); // 5 a day, then 1 a day
// prettier-ignore
const IMPROVING = paced(200, [[63, [1, -1]], [27, [-1, -3]]]); // hours: flat, then 2 h less a day
// prettier-ignore
const WORSENED = paced(300, [[63, [-1, -3]], [27, [2, 0]]]); // hours: 2 h less a day, then 1 h more

/**
 * Status and odds tell one story: the status reads the forecast (the 28-day line at the deadline),
 * and the odds are centred on it, so on track is 50% or more and at risk or off track under 50%.
 * Each series changed pace four weeks ago; the 90-day mean of the changes (the odds' old centre)
 * told the other story: "On track · <1% likely", "Off track · 72% likely".
 */
describe('status and odds agree after a change of pace', () => {
  const deadline = addDays(TODAY, 45);
  test.each([
    // name, direction, target, series, status, odds between
    ['sped up: on track', 'at_least', 400, SPED_UP, 'on_track', [0.6, 0.95]],
    ['slowed down: off track', 'at_least', 500, SLOWED, 'off_track', [0, 0.01]],
    ['slowed down: at risk', 'at_least', 450, SLOWED, 'at_risk', [0, 0.1]],
    ['at most, improving: on track', 'at_most', 100, IMPROVING, 'on_track', [0.7, 1]],
    ['at most, got worse: off track', 'at_most', 160, WORSENED, 'off_track', [0, 0.01]],
  ] as const)('%s', (_name, direction, target, series, status, [low, high]) => {
    const kr = { direction, target, baseline: null, start: null, deadline };
    const evaluation = evaluateKeyResult(kr, series, TODAY);
    const odds = oddsOfMeeting({ ...kr, series, today: TODAY, keepsWhenMet: false });
    expect(evaluation.status).toBe(status);
    expect(odds.probability! >= 0.5).toBe(status === 'on_track');
    expect(odds.probability).toBeGreaterThanOrEqual(low);
    expect(odds.probability).toBeLessThanOrEqual(high);
  });

  test.each([
    ['sped up', SPED_UP],
    ['slowed down', SLOWED],
  ] as const)(
    '%s: for targets all around the forecast, on track exactly when 50% or more',
    (_name, series) => {
      const forecast = evaluateKeyResult(
        { direction: 'at_least', target: Infinity, baseline: null, start: null, deadline },
        series,
        TODAY,
      ).forecast!;
      for (const offset of [-40, -20, -5, -1, 0, 1, 5, 20, 40]) {
        const kr = {
          direction: 'at_least',
          target: forecast + offset,
          baseline: null,
          start: null,
          deadline,
        } as const;
        const { status } = evaluateKeyResult(kr, series, TODAY);
        const odds = oddsOfMeeting({ ...kr, series, today: TODAY, keepsWhenMet: false });
        expect(status, `forecast ${offset}`).not.toBe('achieved'); // every target is ahead
        expect(odds.probability! >= 0.5, `forecast ${offset}`).toBe(status === 'on_track');
      }
    },
  );
});

describe('status and odds agree on the deadline day itself', () => {
  // Up three days, then a dip: today's value is the dip, below the 28-day line through today.
  const series = walk(61, 0, [3, 3, 3, -6]);
  const current = series.at(-1)!.v;

  test("for targets above today's value, on track exactly when 50% or more", () => {
    const line = evaluateKeyResult(
      { direction: 'at_least', target: Infinity, baseline: null, start: null, deadline: TODAY },
      series,
      TODAY,
    ).forecast!;
    expect(line).toBeGreaterThan(current + 2);
    const statuses = new Set<string>();
    for (const target of [current + 1, current + 2, line - 1, line, line + 1, line + 5]) {
      const kr = {
        direction: 'at_least',
        target,
        baseline: null,
        start: null,
        deadline: TODAY,
      } as const;
      const { status } = evaluateKeyResult(kr, series, TODAY);
      const odds = oddsOfMeeting({ ...kr, series, today: TODAY, keepsWhenMet: false });
      statuses.add(status);
      // The day is not over: neither certain to miss nor certain to make it.
      expect(odds.probability, `target ${target}`).toBeGreaterThan(0);
      expect(odds.probability, `target ${target}`).toBeLessThan(1);
      expect(odds.probability! >= 0.5, `target ${target}`).toBe(status === 'on_track');
    }
    expect(statuses).toContain('on_track');
  });

  test('the day after, the deadline has passed: missed, and 0', () => {
    const kr = {
      direction: 'at_least',
      target: current + 1,
      baseline: null,
      start: null,
      deadline: addDays(TODAY, -1),
    } as const;
    expect(evaluateKeyResult(kr, series, TODAY).status).toBe('missed');
    expect(oddsOfMeeting({ ...kr, series, today: TODAY, keepsWhenMet: false }).probability).toBe(0);
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

  test('a far end of a sum is less certain than the naive n·σ² says (μ is an estimate too)', () => {
    const sample = Array.from({ length: 30 }, (_, i) => (i % 2 ? 3 : 1)); // mean 2, s.d. ≈ 1.02
    const p = probabilityAround(600, spreadOfSum(sample, 300), {
      direction: 'at_least',
      target: 540,
    });
    // Naive: Φ(60 / (1.017·√300)) ≈ 0.9997; with μ's uncertainty the spread is √11 times wider:
    // Φ(60 / (1.017·√3300)) ≈ 0.848.
    expect(p).toBeCloseTo(0.848, 2);
  });

  /** Var(Σ wᵢYᵢ − Y_at) / σ² for a random walk, from the levels' covariance min(a, b) − first. */
  function errorDaysByCovariance(xs: readonly number[], at: number): number {
    const m = xs.length;
    const mean = xs.reduce((s, x) => s + x, 0) / m;
    const sxx = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
    const w = xs.map((x) => 1 / m + ((x - mean) * (at - mean)) / sxx);
    const first = xs[0]!;
    const cov = (a: number, b: number) => Math.min(a, b) - first;
    let v = cov(at, at);
    for (let i = 0; i < m; i++) {
      v -= 2 * w[i]! * cov(xs[i]!, at);
      for (let j = 0; j < m; j++) v += w[i]! * w[j]! * cov(xs[i]!, xs[j]!);
    }
    return v;
  }

  test.each([
    // two days, one ahead: the slope is one step, so its error counts n² more
    [[-1, 0], 1, 2],
    [[-1, 0], 10, 110],
    [Array.from({ length: 28 }, (_, i) => i - 27), 1, null],
    [Array.from({ length: 28 }, (_, i) => i - 27), 183, null],
    [[-20, -13, -12, -5, -2], 30, null], // gaps, the last value five days old
  ])('the line’s error at %j → %s, in days of σ²', (xs, at, days) => {
    const got = trendErrorDays(
      xs.map((x) => ({ x })),
      at,
    );
    expect(got).toBeCloseTo(days ?? errorDaysByCovariance(xs, at), 6);
    // Never less than the days still to come: the line cannot know their noise.
    expect(got).toBeGreaterThanOrEqual(at - xs.at(-1)!);
  });
});
