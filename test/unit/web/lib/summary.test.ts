import { describe, expect, test } from 'vitest';
import { addDays } from '../../../../shared/dates.js';
import { formatDate } from '../../../../shared/format.js';
import {
  metSinceText,
  objectivePeriod,
  paceText,
  recentChange,
  statusSummary,
} from '../../../../web/src/lib/summary.js';

test.each([
  [
    ['achieved', 'on_track', 'on_track', 'on_track', 'on_track', 'at_risk', 'no_data'],
    '5 of 7 key results achieved or on track, 1 at risk, 1 waiting for data.',
  ],
  [['off_track'], '0 of 1 key result achieved or on track, 1 off track.'],
  [[], 'No key results configured.'],
] as const)('%o reads "%s"', (statuses, text) => {
  expect(statusSummary(statuses)).toBe(text);
});

test('an objective period spans its key results', () => {
  const krs = [
    { start: '2026-01-01', deadline: '2026-06-30' },
    { start: '2026-02-01', deadline: '2026-12-31' },
  ];
  expect(objectivePeriod(krs, formatDate)).toBe('Jan 1, 2026 – Dec 31, 2026');
  expect(objectivePeriod([{ start: null, deadline: null }], formatDate)).toBeNull();
  expect(objectivePeriod([{ start: null, deadline: '2026-12-31' }], formatDate)).toBe(
    'until Dec 31, 2026',
  );
});

const count = (v: number) => v.toLocaleString('en-US');
test.each([
  [
    { progress: 0.84, baseline: 200, target: 400 },
    90,
    '84% of the way from 200 (baseline) to 400; a steady pace would be at 90% today (the tick), so behind pace.',
  ],
  [
    { progress: 0.7, baseline: 1000, target: 10000 },
    50,
    '70% of the way from 1,000 (baseline) to 10,000; a steady pace would be at 50% today (the tick), so ahead of pace.',
  ],
  [
    { progress: 0.5, baseline: null, target: 400 },
    50,
    '50% of the way to 400; a steady pace would be at 50% today (the tick), so on pace.',
  ],
  [{ progress: null, baseline: 0, target: 400 }, 50, null],
])('progress %o against pace %s', (kr, pace, text) => {
  expect(paceText(kr, pace, count)).toBe(text);
});

const days = (from: string, values: (number | null)[]) =>
  values.map((v, i) => ({ t: addDays(from, i), v }));
const stars = { target: 10000, direction: 'at_least' as const, periods: null };

describe('metSinceText', () => {
  // Each history starts on Nov 1, 2026.
  test.each([
    ['crossed on the last day', [9990, 9999, 10001], 'Target met since Nov 3, 2026.'],
    [
      'a dip under restarts the run',
      [10002, 9990, 10003, 9990, 10004],
      'Target met since Nov 5, 2026.',
    ],
    ['a day without a value keeps it', [9990, 10001, null, 10003], 'Target met since Nov 2, 2026.'],
    [
      'met on every day',
      [10001, 10002, 10003, 10004],
      'Target met on every day of the last 4 days.',
    ],
    ['no values', [null, null], 'Target met.'],
  ])('%s', (_name, values, text) => {
    expect(metSinceText({ ...stars, recent: days('2026-11-01', values) }, formatDate)).toBe(text);
  });

  test('at most: a median at or under the target counts as met', () => {
    const recent = days('2026-11-01', [8, 7, 6.5]);
    expect(
      metSinceText({ target: 7, direction: 'at_most', periods: null, recent }, formatDate),
    ).toBe('Target met since Nov 2, 2026.');
  });
});

test.each([
  ['a week apart', days('2026-11-01', [10, 11, 12, 13, 14, 15, 16, 12.5]), 2.5],
  ['the latest value with a gap after it', days('2026-11-01', [10, 1, 1, 1, 1, 1, 1, 14, null]), 4],
  ['no value a week before', days('2026-11-01', [null, 1, 1, 1, 1, 1, 1, 14]), null],
  ['too short', days('2026-11-01', [1, 2]), null],
  ['empty', [], null],
])('recentChange: %s', (_name, recent, change) => {
  expect(recentChange(recent, 7)).toBe(change);
});
