import { describe, expect, test } from 'vitest';
import { evaluateKeyResult, type KeyResultTarget } from '../../../../server/kpi/okr.js';

const year: KeyResultTarget = {
  direction: 'at_least',
  target: 250_000,
  baseline: null,
  start: '2026-01-01',
  deadline: '2026-12-31',
};

describe('where the baseline comes from', () => {
  test.each([
    [
      'the value at the period start',
      year,
      [
        { t: '2025-12-01', v: 90_000 },
        { t: '2026-03-01', v: 120_000 },
      ],
      { baseline: 90_000, baselineFrom: { source: 'period_start', day: '2025-12-01' } },
    ],
    [
      'a manual value first recorded after the start is its own baseline',
      year,
      [
        { t: '2026-06-15', v: 100_000 },
        { t: '2026-07-01', v: 110_000 },
      ],
      { baseline: 100_000, baselineFrom: { source: 'first_value', day: '2026-06-15' } },
    ],
    [
      'a configured baseline',
      { ...year, baseline: 80_000 },
      [{ t: '2026-06-15', v: 100_000 }],
      { baseline: 80_000, baselineFrom: { source: 'config', day: null } },
    ],
    [
      'no period: the first value',
      { ...year, start: null },
      [{ t: '2026-02-01', v: 5 }],
      { baseline: 5, baselineFrom: { source: 'first_value', day: '2026-02-01' } },
    ],
  ] as const)('%s', (_name, kr, series, expected) => {
    expect(evaluateKeyResult(kr, series, '2026-07-01')).toMatchObject(expected);
  });

  test('the pace runs from the first value, not from a start whose value nobody knows', () => {
    // First value on 2026-07-01 (day 181 of 364): linear pace from that day expects the baseline.
    const e = evaluateKeyResult(year, [{ t: '2026-07-01', v: 100_000 }], '2026-07-01');
    expect(e.expected).toBe(100_000);
    expect(e.progress).toBe(0);
  });
});
