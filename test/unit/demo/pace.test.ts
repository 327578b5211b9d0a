/** The demo's live activity keeps the pace of its own history, and its titles read like real ones. */
import { describe, expect, test } from 'vitest';
import { advanceGuildAtPace, createGuild } from '../../../demo/discord/stand-in.js';
import { advanceWorldAtPace, createWorld, type PaceCarry } from '../../../demo/github/world.js';

const NOW = '2026-11-01T00:00:00Z';
const DAY = 86_400_000;

describe('live activity at the history’s pace', () => {
  test('a simulated day of one-minute steps adds what an average recent day had, not 10× more', () => {
    const world = createWorld({ now: NOW, repos: 2, stars: 10_000, pulls: 2_000, issues: 2_000 });
    const since = new Date(Date.parse(NOW) - 28 * DAY).toISOString();
    const starsBefore = world.repos.reduce((n, r) => n + r.stars.length, 0);
    const perDay =
      world.repos.reduce((n, r) => n + r.stars.filter((s) => s.starredAt > since).length, 0) / 28;
    const carry: PaceCarry = new Map();
    for (let minute = 1; minute <= 24 * 60; minute++)
      advanceWorldAtPace(world, Date.parse(NOW) + minute * 60_000, carry);
    const added = world.repos.reduce((n, r) => n + r.stars.length, 0) - starsBefore;
    expect(added).toBeGreaterThan(perDay * 0.8);
    expect(added).toBeLessThan(perDay * 1.3);
    // Everything is dated in the past day, never in the future.
    for (const r of world.repos) expect(r.stars.at(-1)!.starredAt <= world.now).toBe(true);
    expect(world.now).toBe('2026-11-02T00:00:00Z');
  });

  test('Discord joins keep the guild’s recent pace too', () => {
    const guild = createGuild({ now: NOW, members: 5_000 });
    const since = new Date(Date.parse(NOW) - 28 * DAY).toISOString();
    const perDay = guild.members.filter((m) => m.joinedAt > since).length / 28;
    const before = guild.members.length;
    const carry = { joins: 0, leaves: 0 };
    for (let minute = 1; minute <= 24 * 60; minute++)
      advanceGuildAtPace(guild, Date.parse(NOW) + minute * 60_000, carry);
    const joins = guild.members.length - before;
    expect(joins).toBeGreaterThan(perDay * 0.8);
    expect(joins).toBeLessThan(perDay * 1.3);
  });

  test('titles do not repeat the item’s number (a list shows "core#4120 Document parser")', () => {
    const world = createWorld({ now: NOW, repos: 1, pulls: 200, issues: 200 });
    for (const item of [...world.repos[0]!.pulls, ...world.repos[0]!.issues])
      expect(item.title).not.toMatch(/#\d|\d+\)?$/);
  });
});
