import { expect, test } from 'vitest';
import { durationText, repeatsNotes } from '../../../../web/src/lib/runs.js';

const run = (source: string, ...notes: string[]) => ({ source, notes });

test('a pass repeating the notes of the same source’s pass above it is folded', () => {
  const perms = ['#moderators: the bot may not read this channel'];
  expect(
    repeatsNotes([
      run('discord', ...perms),
      run('github'),
      run('discord', ...perms),
      run('discord', ...perms, '#audit-log: no history'),
      run('discord', ...perms, '#audit-log: no history'),
      run('github'),
    ]),
  ).toEqual([false, false, true, false, true, false]);
});

test('notes in another order, or another source’s, are shown', () => {
  expect(repeatsNotes([run('discord', 'a', 'b'), run('discord', 'b', 'a')])).toEqual([
    false,
    false,
  ]);
  expect(repeatsNotes([run('github', 'a'), run('discord', 'a')])).toEqual([false, false]);
});

test.each([
  ['2026-01-01T00:00:00.000Z', null, 'running'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'under 0.1 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.040Z', 'under 0.1 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.100Z', '0.1 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:02.240Z', '2.2 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:09.960Z', '10 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:42.400Z', '42 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:59.600Z', '1 min'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T00:03:05.000Z', '3 min 5 s'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T01:02:00.000Z', '1 h 2 min'],
  ['2026-01-01T00:00:00.000Z', '2026-01-01T02:00:30.000Z', '2 h'],
  // A clock set back during the pass: no negative time.
  ['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:00.000Z', 'under 0.1 s'],
])('a pass from %s to %s took %s', (start, end, text) => {
  expect(durationText(start, end)).toBe(text);
});
