import { expect, test } from 'vitest';
import { repeatsNotes } from '../../../../web/src/lib/runs.js';

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
