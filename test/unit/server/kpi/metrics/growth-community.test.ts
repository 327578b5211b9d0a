import { describe, expect, test } from 'vitest';
import { computeRollups } from '../../../../../server/kpi/metrics/index.js';
import { rawData, valuesOf } from './fixtures.js';

describe('stars and forks', () => {
  const series = computeRollups(
    rawData({
      repos: [{ id: 'a' }, { id: 'b' }],
      stars: [
        { repo_id: 'a', starred_at: '2026-01-01T10:00:00Z', stars: 1 },
        { repo_id: 'a', starred_at: '2026-01-02T10:00:00Z', stars: 1 },
        { repo_id: 'b', starred_at: '2026-01-02T11:00:00Z', stars: 1 },
      ],
      snapshots: [
        { repo_id: 'a', day: '2026-01-03', stars: 5, forks: 1 },
        { repo_id: 'b', day: '2026-01-03', stars: 1, forks: 2 },
      ],
      // b was forked twice before its first snapshot.
      forkTimes: [
        { repo_id: 'b', created_at: '2026-01-01T09:15:00Z', forks: 1 },
        { repo_id: 'b', created_at: '2026-01-02T18:45:00Z', forks: 1 },
      ],
    }),
    'UTC',
    '2026-01-03',
  );

  test('a repository counts from its stargazers, and today is its snapshot', () => {
    expect(valuesOf(series, 'github.stars', 'a')).toEqual({
      '2026-01-01': 1,
      '2026-01-02': 2,
      '2026-01-03': 5,
    });
  });

  test('all repositories: the day-by-day sum, a repository counting 0 before its first star', () => {
    expect(valuesOf(series, 'github.stars')).toEqual({
      '2026-01-01': 1,
      '2026-01-02': 3,
      '2026-01-03': 6,
    });
  });

  test('forks: counted from the fork list until the first snapshot, then forks_count', () => {
    expect(valuesOf(series, 'github.forks', 'b')).toEqual({
      '2026-01-01': 1,
      '2026-01-02': 2,
      '2026-01-03': 2,
    });
    expect(valuesOf(series, 'github.forks', 'a')).toEqual({ '2026-01-03': 1 });
    expect(valuesOf(series, 'github.forks')).toEqual({
      '2026-01-01': 1,
      '2026-01-02': 2,
      '2026-01-03': 3,
    });
  });
});

describe('Discord', () => {
  const series = computeRollups(
    rawData({
      discordMembers: [
        { joined_at: '2026-02-01T10:00:00Z', left_at: null },
        { joined_at: '2026-02-01T11:00:00Z', left_at: '2026-02-02T09:00:00Z' },
        { joined_at: '2026-02-03T10:00:00Z', left_at: null },
      ],
      discordSnapshots: [{ taken_at: '2026-02-03T12:00:00Z', member_count: 40, presence_count: 7 }],
    }),
    'UTC',
    '2026-02-04',
  );

  test('members by join and leave until the first snapshot, then the snapshots', () => {
    expect(valuesOf(series, 'discord.members')).toEqual({
      '2026-02-01': 2,
      '2026-02-02': 1,
      '2026-02-03': 40,
      '2026-02-04': 40,
    });
    expect(valuesOf(series, 'discord.joins')).toEqual({
      '2026-02-01': 2,
      '2026-02-02': 0,
      '2026-02-03': 1,
      '2026-02-04': 0,
    });
    expect(valuesOf(series, 'discord.online')).toEqual({ '2026-02-03': 7, '2026-02-04': 7 });
  });
});

test('manual values carry forward from the first recorded day, the last record of a day wins', () => {
  const series = computeRollups(
    rawData({
      manual: [
        { metric: 'manual.arr', at: '2026-03-01', value: 100 },
        { metric: 'manual.arr', at: '2026-03-03', value: 150 },
        { metric: 'manual.arr', at: '2026-03-03', value: 160 },
      ],
    }),
    'UTC',
    '2026-03-04',
  );
  expect(valuesOf(series, 'manual.arr')).toEqual({
    '2026-03-01': 100,
    '2026-03-02': 100,
    '2026-03-03': 160,
    '2026-03-04': 160,
  });
});
