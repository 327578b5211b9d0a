import { describe, expect, test } from 'vitest';
import type { KeyResult } from '../../../web/src/lib/api.js';
import {
  baselineText,
  lastPeriodText,
  oddsText,
  periodsMetText,
  progressFrom,
  progressSpanText,
} from '../../../shared/okr-text.js';

type Kr = Parameters<typeof oddsText>[0];
const base: Kr = {
  probability: null,
  periods: null,
  baselineFrom: null,
  start: '2026-01-01',
  status: 'on_track',
  deadline: '2026-12-31',
};
const months = (met: number, complete: number): KeyResult['periods'] => ({
  per: 'month',
  met,
  complete,
  running: null,
  last: null,
});

describe('oddsText', () => {
  test.each([
    ['a probability', { probability: 0.724 }, '72% likely to make it'],
    [
      'a tail is never a flat 0%',
      { probability: 1e-9, status: 'off_track' },
      '<1% likely to make it',
    ],
    [
      'at risk with a tail says it is the chance of making it, not of being at risk',
      { probability: 0.004, status: 'at_risk' },
      '<1% likely to make it',
    ],
    ['nor a flat 100%', { probability: 0.9999 }, '>99% likely to make it'],
    [
      '0 underflowed is still "<1%"',
      { probability: 0, status: 'off_track' },
      '<1% likely to make it',
    ],
    ['missed is 0%', { probability: 0, status: 'missed' }, '0% likely to make it'],
    ['achieved has none: the target is met', { probability: 1, status: 'achieved' }, null],
    [
      "per period, achieved (last month) keeps the running month's odds",
      { probability: 0.5, status: 'achieved', periods: months(2, 2) },
      '50% likely to make it this month',
    ],
    ['unknown odds', {}, 'not enough history'],
    ['a standing target has none', { deadline: null }, null],
    [
      'per period: this month',
      { probability: 0.5, periods: months(1, 2) },
      '50% likely to make it this month',
    ],
  ] as const)('%s', (_name, kr, text) => {
    expect(oddsText({ ...base, ...kr }, { sayUnknown: true })).toBe(text);
  });
});

describe('periods and baseline', () => {
  test.each([
    [months(3, 4), '3 of 4 months met', 'last month'],
    [months(1, 1), '1 of 1 month met', 'last month'],
    [months(0, 0), 'no complete month yet', 'last month'],
    [null, null, null],
  ])('%j', (periods, met, last) => {
    expect(periodsMetText({ ...base, periods })).toBe(met);
    expect(lastPeriodText({ ...base, periods })).toBe(last);
  });

  test.each([
    [{ source: 'first_value', day: '2026-06-15' }, 'baseline: first value, recorded on 15 Jun'],
    [{ source: 'first_value', day: '2026-01-01' }, null], // recorded at the start: nothing to say
    [{ source: 'period_start', day: '2026-01-01' }, null],
    [{ source: 'config', day: null }, null],
  ] as const)('%j', (baselineFrom, text) => {
    const day = (d: string) => `${Number(d.slice(8))} ${d.slice(5, 7) === '06' ? 'Jun' : '?'}`;
    expect(baselineText({ ...base, baselineFrom }, day)).toBe(text);
  });
});

describe('what progress is of', () => {
  const kr = {
    progress: 0.84,
    baseline: 208,
    target: 400,
    direction: 'at_least',
    periods: null,
  } as const;
  test.each([
    ['from the baseline to the target', kr, 208, '208 → 400'],
    [
      'lower is better: from the baseline down to the target',
      { ...kr, direction: 'at_most', baseline: 30, target: 24 },
      30,
      '30 → 24',
    ],
    ['a total each period must reach: from 0', { ...kr, periods: months(1, 2) }, 0, '0 → 400'],
    [
      'per period, at most: a share of no span',
      { ...kr, direction: 'at_most', periods: months(1, 2) },
      null,
      null,
    ],
    ['no progress', { ...kr, progress: null }, null, null],
  ] as const)('%s', (_name, input, from, text) => {
    expect(progressFrom(input)).toBe(from);
    expect(progressSpanText(input, (v) => String(v))).toBe(text);
  });
});
