import { expect, test } from 'vitest';
import { formatDate } from '../../../../shared/format.js';
import { objectivePeriod, paceText, statusSummary } from '../../../../web/src/lib/summary.js';

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

test.each([
  [0.4, 62, '40% of the way; a steady pace would be at 62% today (the tick), so behind pace.'],
  [0.7, 50, '70% of the way; a steady pace would be at 50% today (the tick), so ahead of pace.'],
  [null, 50, null],
])('progress %s against pace %s', (progress, pace, text) => {
  expect(paceText(progress, pace)).toBe(text);
});
