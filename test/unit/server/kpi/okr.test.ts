import { describe, expect, test } from 'vitest';
import { dayRange } from '../../../../shared/dates.js';
import { evaluateKeyResult, type KeyResultTarget } from '../../../../server/kpi/okr.js';
import type { Point } from '../../../../server/kpi/series.js';

/** A daily series from `from` to `to` growing linearly from `start` by `perDay`. */
function linear(from: string, to: string, start: number, perDay: number): Point[] {
  return dayRange(from, to).map((t, i) => ({ t, v: start + perDay * i }));
}

const year: Pick<KeyResultTarget, 'start' | 'deadline'> = {
  start: '2026-01-01',
  deadline: '2026-12-31',
};
const TODAY = '2026-07-01'; // day 181 of 364

describe('status of a key result with a deadline', () => {
  test.each([
    // name, target, series, expected status
    [
      'achieved: current meets the target',
      { direction: 'at_least', target: 1000 },
      linear('2026-01-01', TODAY, 0, 6),
      'achieved',
    ],
    [
      'on track: the trend reaches the target by the deadline',
      { direction: 'at_least', target: 1000 },
      linear('2026-01-01', TODAY, 0, 3),
      'on_track',
    ],
    [
      'at risk: the trend covers 80% or more of the way',
      { direction: 'at_least', target: 1000 },
      linear('2026-01-01', TODAY, 0, 2.3),
      'at_risk',
    ],
    [
      'off track: the trend falls well short',
      { direction: 'at_least', target: 1000 },
      linear('2026-01-01', TODAY, 0, 1),
      'off_track',
    ],
    [
      'off track: flat',
      { direction: 'at_least', target: 1000 },
      linear('2026-01-01', TODAY, 100, 0),
      'off_track',
    ],
    [
      'at_most achieved',
      { direction: 'at_most', target: 168 },
      linear('2026-01-01', TODAY, 300, -1),
      'achieved',
    ],
    [
      'at_most on track: falling fast enough',
      { direction: 'at_most', target: 168 },
      linear('2026-01-01', TODAY, 400, -1),
      'on_track',
    ],
    [
      'at_most at risk: ends within 20% of the target',
      { direction: 'at_most', target: 168 },
      linear('2026-01-01', TODAY, 400, -0.6),
      'at_risk',
    ],
    [
      'at_most off track: rising',
      { direction: 'at_most', target: 168 },
      linear('2026-01-01', TODAY, 200, 0.5),
      'off_track',
    ],
    ['no data', { direction: 'at_least', target: 1000 }, [], 'no_data'],
    [
      'only empty windows is no data',
      { direction: 'at_most', target: 24 },
      [{ t: '2026-06-01', v: null }],
      'no_data',
    ],
  ] as const)('%s', (_name, target, series, status) => {
    const result = evaluateKeyResult({ ...year, baseline: null, ...target }, series, TODAY);
    expect(result.status).toBe(status);
  });

  test('missed: the deadline passed without meeting the target', () => {
    const result = evaluateKeyResult(
      { ...year, baseline: null, direction: 'at_least', target: 1000 },
      linear('2026-01-01', '2027-01-10', 0, 2),
      '2027-01-10',
    );
    expect(result.status).toBe('missed');
    expect(result.expected).toBe(1000); // elapsed is clamped to 1
  });

  test('baseline, progress, linear pace, forecast and ETA', () => {
    const series = linear('2026-01-01', TODAY, 200, 3); // 200 on Jan 1, 743 on Jul 1
    const r = evaluateKeyResult(
      { ...year, baseline: null, direction: 'at_least', target: 2000 },
      series,
      TODAY,
    );
    expect(r.baseline).toBe(200);
    expect(r.current).toBe(743);
    expect(r.progress).toBeCloseTo((743 - 200) / 1800);
    expect(r.expected).toBeCloseTo(200 + 1800 * (181 / 364));
    expect(r.forecast).toBeCloseTo(743 + 3 * 183); // 183 days to Dec 31
    expect(r.eta).toBe('2027-08-24'); // (2000 - 743) / 3 = 419 days after Jul 1
    expect(r.status).toBe('off_track');
  });

  test('a configured baseline wins over the data', () => {
    const r = evaluateKeyResult(
      { ...year, baseline: 500, direction: 'at_least', target: 1500 },
      linear('2026-01-01', TODAY, 0, 5),
      TODAY,
    );
    expect(r.baseline).toBe(500);
    expect(r.progress).toBeCloseTo((905 - 500) / 1000);
  });

  test('a single point: no trend, the forecast is the current value, no ETA', () => {
    const r = evaluateKeyResult(
      { ...year, baseline: null, direction: 'at_least', target: 100 },
      [{ t: TODAY, v: 40 }],
      TODAY,
    );
    expect(r).toMatchObject({
      current: 40,
      baseline: 40,
      forecast: 40,
      eta: null,
      status: 'off_track',
      start: '2026-01-01',
    });
  });

  test('no start configured: the first data point is the start', () => {
    const r = evaluateKeyResult(
      { start: null, deadline: '2026-12-31', baseline: null, direction: 'at_least', target: 100 },
      linear('2026-03-01', TODAY, 10, 0.1),
      TODAY,
    );
    expect(r.start).toBe('2026-03-01');
    expect(r.baseline).toBe(10);
  });

  test('a start in the future: no elapsed time, expected is the baseline', () => {
    const r = evaluateKeyResult(
      {
        start: '2026-09-01',
        deadline: '2026-12-31',
        baseline: null,
        direction: 'at_least',
        target: 100,
      },
      linear('2026-01-01', TODAY, 10, 0.1),
      TODAY,
    );
    expect(r.expected).toBe(r.baseline);
    expect(r.progress).toBe(0);
  });

  test('values near the float limit (±1.79e308): unknowns are null, never NaN or Infinity', () => {
    const series: Point[] = [
      ...linear('2026-06-01', '2026-06-29', 10, 1),
      { t: '2026-06-30', v: 1.79e308 },
      { t: TODAY, v: -1.79e308 },
    ];
    const r = evaluateKeyResult(
      { ...year, baseline: null, direction: 'at_least', target: 1000 },
      series,
      TODAY,
    );
    for (const value of [r.expected, r.progress, r.forecast])
      expect(value === null || Number.isFinite(value)).toBe(true);
    expect(r.eta).toBeNull();
    expect(r.status).toBe('off_track');
  });

  test('the forecast uses only the trailing 28 days', () => {
    // Fast growth long ago, flat for the last 40 days: the trend is flat.
    const series = [
      ...linear('2026-01-01', '2026-05-21', 0, 10),
      ...linear('2026-05-22', TODAY, 1400, 0),
    ];
    const r = evaluateKeyResult(
      { ...year, baseline: null, direction: 'at_least', target: 2000 },
      series,
      TODAY,
    );
    expect(r.forecast).toBeCloseTo(1400);
    expect(r.eta).toBeNull();
  });
});

describe('standing targets (no deadline)', () => {
  test.each([
    ['at_most met', 'at_most', 168, 150, 'achieved'],
    ['at_most within 20%', 'at_most', 168, 190, 'at_risk'],
    ['at_most far off', 'at_most', 168, 400, 'off_track'],
    ['at_least met', 'at_least', 50, 50, 'achieved'],
    ['at_least within 20%', 'at_least', 50, 41, 'at_risk'],
    ['at_least far off', 'at_least', 50, 10, 'off_track'],
  ] as const)('%s', (_name, direction, target, current, status) => {
    const r = evaluateKeyResult(
      { start: null, deadline: null, baseline: null, direction, target },
      [{ t: TODAY, v: current }],
      TODAY,
    );
    expect(r).toMatchObject({ status, current, expected: null, forecast: null, eta: null });
  });
});
