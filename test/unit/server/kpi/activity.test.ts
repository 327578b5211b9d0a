import { describe, expect, test } from 'vitest';
import {
  discordActivitySeries,
  firstFullDay,
  type DiscordPost,
} from '../../../../server/kpi/activity.js';

const post = (author: string, at: string): DiscordPost => ({ author_hash: author, posted_at: at });
const value = (points: { t: string; v: number | null }[], t: string) =>
  points.find((p) => p.t === t)?.v;

describe('discordActivitySeries', () => {
  test('counts distinct posters in the trailing 7 and 30 days, and messages per day', () => {
    const posts = [
      post('a', '2026-03-01T10:00:00Z'),
      post('a', '2026-03-01T11:00:00Z'),
      post('b', '2026-03-05T10:00:00Z'),
      post('c', '2026-03-20T23:59:59Z'),
      post('a', '2026-03-25T00:00:00Z'),
    ];
    const s = discordActivitySeries(posts, 'UTC', '2026-03-01', '2026-03-31', null);
    expect(value(s.messages, '2026-03-01')).toBe(2);
    expect(value(s.messages, '2026-03-02')).toBe(0);
    expect(value(s.active7d, '2026-03-07')).toBe(2); // a (03-01) and b (03-05)
    expect(value(s.active7d, '2026-03-08')).toBe(1); // a's posts left the window
    expect(value(s.active7d, '2026-03-26')).toBe(2); // c and a
    expect(value(s.active30d, '2026-03-30')).toBe(3);
    expect(value(s.active30d, '2026-03-31')).toBe(3); // a again on 03-25 keeps a in
  });

  test.each([
    ['nobody posted', [], 0],
    ['one post', [post('a', '2026-03-10T12:00:00Z')], 1],
    [
      'one person, many posts',
      Array.from({ length: 5 }, () => post('a', '2026-03-10T12:00:00Z')),
      1,
    ],
  ])('%s', (_name, posts, active) => {
    const s = discordActivitySeries(posts, 'UTC', '2026-03-10', '2026-03-10', null);
    expect(s.active7d).toEqual([{ t: '2026-03-10', v: active }]);
  });

  test('posts counted by author and quarter hour: messages add the counts, posters count once', () => {
    const posts = [
      { ...post('a', '2026-03-01T10:00:00Z'), count: 3 },
      { ...post('b', '2026-03-01T10:15:00Z'), count: 2 },
      post('a', '2026-03-02T10:00:00Z'),
    ];
    const s = discordActivitySeries(posts, 'UTC', '2026-03-01', '2026-03-02', null);
    expect([value(s.messages, '2026-03-01'), value(s.messages, '2026-03-02')]).toEqual([5, 1]);
    expect(value(s.active7d, '2026-03-02')).toBe(2);
  });

  test("a post's day is the project's day (time zone)", () => {
    const posts = [post('a', '2026-03-10T23:30:00Z')];
    const utc = discordActivitySeries(posts, 'UTC', '2026-03-10', '2026-03-11', null);
    const tokyo = discordActivitySeries(posts, 'Asia/Tokyo', '2026-03-10', '2026-03-11', null);
    expect(utc.messages.map((p) => p.v)).toEqual([1, 0]);
    expect(tokyo.messages.map((p) => p.v)).toEqual([0, 1]);
  });

  test('windows reaching before the collected history are null, not low', () => {
    const posts = [post('a', '2026-01-01T10:00:00Z'), post('b', '2026-01-07T10:00:00Z')];
    const s = discordActivitySeries(posts, 'UTC', '2025-12-01', '2026-01-31', '2026-01-01');
    expect(s.messages[0]!.t).toBe('2026-01-01'); // nothing before the history begins
    expect(value(s.active7d, '2026-01-06')).toBeNull();
    expect(value(s.active7d, '2026-01-07')).toBe(2);
    expect(value(s.active30d, '2026-01-29')).toBeNull();
    expect(value(s.active30d, '2026-01-30')).toBe(2);
  });

  test('a leap day is a day like any other', () => {
    const posts = [post('a', '2028-02-29T12:00:00Z'), post('b', '2028-03-06T12:00:00Z')];
    const s = discordActivitySeries(posts, 'UTC', '2028-02-28', '2028-03-07', null);
    expect(value(s.active7d, '2028-03-06')).toBe(2);
    expect(value(s.active7d, '2028-03-07')).toBe(1);
  });
});

describe('firstFullDay', () => {
  test.each([
    ['2026-08-25T00:00:00.000Z', 'UTC', '2026-08-25'],
    ['2026-08-25T00:00:00.001Z', 'UTC', '2026-08-26'],
    // Midnight UTC is 09:00 in Tokyo: that day is partly before the history.
    ['2026-08-25T00:00:00.000Z', 'Asia/Tokyo', '2026-08-26'],
    ['2026-08-24T15:00:00.000Z', 'Asia/Tokyo', '2026-08-25'],
  ])('%s in %s → %s', (from, zone, day) => {
    expect(firstFullDay(from, zone)).toBe(day);
  });
});
