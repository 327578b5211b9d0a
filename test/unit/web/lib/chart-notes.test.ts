import { expect, test } from 'vitest';
import {
  axisTitle,
  partialNote,
  recordedByHand,
  runningMark,
  runningNote,
} from '../../../../web/src/lib/chart-notes.js';

test('figures recorded by hand are the manual metrics', () => {
  expect(recordedByHand('manual.nps')).toBe(true);
  expect(recordedByHand('github.stars')).toBe(false);
  expect(recordedByHand('docker.pulls')).toBe(false);
});

test.each([
  [
    '2026-11-25',
    'day',
    'line',
    false,
    'Nov 25, 2026 is still running: drawn dashed, its value is so far.',
  ],
  [
    '2026-11-23',
    'week',
    'bar',
    false,
    'Week of Nov 23, 2026 is still running: drawn lighter, its value is so far.',
  ],
  // A recorded figure is not a count so far: it holds until the next recording.
  [
    '2026-11-25',
    'day',
    'line',
    true,
    'Nov 25, 2026 shows the latest recorded figure, which holds until the next one is recorded.',
  ],
  [
    '2026-11-01',
    'month',
    'line',
    true,
    'Nov 2026 shows the latest recorded figure, which holds until the next one is recorded.',
  ],
] as const)(
  'the running period from %s by %s (%s, recorded: %s) reads "%s"',
  (t, interval, drawn, recorded, text) => {
    expect(runningNote(t, interval, drawn, recorded)).toBe(text);
  },
);

test('beside the running period: "still running" or "so far", or for a recorded figure "latest recorded"', () => {
  expect(runningMark(false, 'tooltip')).toBe(' (still running)');
  expect(runningMark(false, 'table')).toBe(' (so far)');
  expect(runningMark(true, 'tooltip')).toBe(' (latest recorded)');
  expect(runningMark(true, 'table')).toBe(' (latest recorded)');
});

test('a first week the range or the data cuts says from when it counts', () => {
  expect(partialNote('2026-11-02', 'week', '2026-11-04', 'range')).toBe(
    'Week of Nov 2, 2026 is counted from Nov 4, 2026 on, where the range starts: drawn lighter.',
  );
  expect(partialNote('2026-10-26', 'week', '2026-10-29', 'data')).toBe(
    'Week of Oct 26, 2026 is counted from Oct 29, 2026 on, where the data begins: drawn lighter.',
  );
});

test.each([
  ['Count', 'count', false, 'Count'],
  ['People', 'people', false, 'People'],
  // NPS is a score, not a count of anything: no unit word rather than a wrong one.
  ['Count', 'count', true, ''],
  ['USD', 'USD', true, 'USD'],
  ['People', 'people', true, 'People'],
] as const)('axis title %s for unit %s (recorded: %s) is "%s"', (title, unit, recorded, text) => {
  expect(axisTitle(title, unit, recorded)).toBe(text);
});
