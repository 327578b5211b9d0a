import { expect, test } from 'vitest';
import type { RunBlocker } from '../../../db/schema.js';
import { describeBlockers } from '../../../server/blockers.js';

const view = (channel: string): RunBlocker => ({
  kind: 'discord-channel',
  channel,
  permission: 'View Channel',
});
const history = (channel: string): RunBlocker => ({
  kind: 'discord-channel',
  channel,
  permission: 'Read Message History',
});

test.each<[string, RunBlocker[], string | null]>([
  ['nothing to fix', [], null],
  [
    'one channel: the permission, what it costs, the fix',
    [history('audit-log')],
    'The bot lacks Read Message History in #audit-log, so active members and messages miss its posts; grant it to its role there.',
  ],
  [
    "the demo's two channels, each with the permission it lacks",
    [history('audit-log'), view('moderators')],
    'The bot lacks View Channel in #moderators and Read Message History in #audit-log, so active members and messages miss their posts; grant these to its role there.',
  ],
  [
    'many channels: two named, the others counted; one named once',
    [view('a'), view('b'), view('c'), view('d'), view('a')],
    'The bot lacks View Channel in #a, #b and 2 more, so active members and messages miss their posts; grant it to its role there.',
  ],
  [
    'the members intent',
    [{ kind: 'discord-members' }],
    'The bot lacks the Server Members intent, so joins are not counted; turn it on in the Developer Portal (Bot → Privileged Gateway Intents).',
  ],
  [
    'traffic of two repositories',
    [
      { kind: 'github-traffic', repo: 'acme/app' },
      { kind: 'github-traffic', repo: 'acme/docs' },
    ],
    'The token lacks push access to acme/app and acme/docs, so their views and clones are not archived (GitHub keeps 14 days); use a token with push access.',
  ],
  [
    'a renamed repository, after a refused channel',
    [{ kind: 'github-renamed', from: 'acme/old', to: 'acme/new' }, view('mods')],
    'The bot lacks View Channel in #mods, so active members and messages miss its posts; grant it to its role there. acme/old is now acme/new; update github.repos in the config.',
  ],
  ['a kind this build does not know', [{ kind: 'later' } as unknown as RunBlocker], null],
])('%s', (_name, blockers, expected) => {
  expect(describeBlockers(blockers)).toBe(expected);
});
