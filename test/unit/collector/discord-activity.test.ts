import { MessageType } from 'discord-api-types/v10';
import { describe, expect, test } from 'vitest';
import {
  authorHash,
  snowflakeBefore,
  snowflakeMs,
  toMessageRows,
} from '../../../collector/discord/activity.js';

// Real-shaped messages as GET /channels/{id}/messages lists them (newest first).
const author = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  username: `user${id.slice(-4)}`,
  avatar: null,
  discriminator: '0',
  global_name: null,
  ...extra,
});
const page = [
  { id: '1309999999999999999', type: MessageType.Reply, author: author('111') },
  { id: '1309999999999999998', type: MessageType.Default, author: author('222', { bot: true }) },
  {
    id: '1309999999999999997',
    type: MessageType.Default,
    author: author('333'),
    webhook_id: '333',
  },
  { id: '1309999999999999996', type: MessageType.UserJoin, author: author('444') },
  { id: '1309999999999999995', type: MessageType.ChannelPinnedMessage, author: author('111') },
  { id: '1309999999999999994', type: MessageType.Default, author: author('555') },
] as Parameters<typeof toMessageRows>[2];

describe('toMessageRows', () => {
  test('keeps members’ messages and replies; drops bots, webhooks and system notices', () => {
    const rows = toMessageRows('g', 'c', page, (id) => `h(${id})`);
    expect(rows).toEqual([
      {
        guild_id: 'g',
        message_id: '1309999999999999999',
        channel_id: 'c',
        author_hash: 'h(111)',
        posted_at: new Date(snowflakeMs('1309999999999999999')).toISOString(),
      },
      {
        guild_id: 'g',
        message_id: '1309999999999999994',
        channel_id: 'c',
        author_hash: 'h(555)',
        posted_at: new Date(snowflakeMs('1309999999999999994')).toISOString(),
      },
    ]);
  });

  test('an empty page is no rows', () => {
    expect(toMessageRows('g', 'c', [], (id) => id)).toEqual([]);
  });
});

describe('snowflakes', () => {
  test("Discord's documented example: 175928847299117063 was made at 2016-04-30T11:18:25.796Z", () => {
    expect(new Date(snowflakeMs('175928847299117063')).toISOString()).toBe(
      '2016-04-30T11:18:25.796Z',
    );
  });

  test('`after` the id minted just before an instant lists everything from that instant on', () => {
    const at = Date.parse('2026-08-25T00:00:00Z');
    const before = snowflakeBefore(at);
    expect(snowflakeMs(before)).toBe(at - 1);
    expect(snowflakeMs((BigInt(before) + 1n).toString())).toBe(at);
  });
});

describe('authorHash', () => {
  test('depends on the salt and the guild, and hides the id', () => {
    const a = authorHash('salt-1', 'g', '80351110224678912');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toContain('80351110224678912');
    expect(authorHash('salt-1', 'g', '80351110224678912')).toBe(a);
    expect(authorHash('salt-2', 'g', '80351110224678912')).not.toBe(a);
    expect(authorHash('salt-1', 'h', '80351110224678912')).not.toBe(a);
  });
});
