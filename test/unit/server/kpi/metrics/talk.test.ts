import { describe, expect, test } from 'vitest';
import { computeRollups, findMetric } from '../../../../../server/kpi/metrics/index.js';
import { rawData, valuesOf } from './fixtures.js';

const post = (author: string, at: string) => ({ author_hash: author, posted_at: at });

describe('Discord activity entries', () => {
  const data = rawData({
    discordActivity: {
      historyFrom: '2026-03-01T00:00:00.000Z',
      posts: [
        post('a', '2026-03-01T10:00:00Z'),
        post('b', '2026-03-06T10:00:00Z'),
        post('a', '2026-03-08T10:00:00Z'),
      ],
    },
  });
  const series = computeRollups(data, 'UTC', '2026-03-10');

  test('active members: distinct posters in the window, from the first whole window on', () => {
    expect(valuesOf(series, 'discord.active.7d')).toEqual({
      '2026-03-07': 2,
      '2026-03-08': 2,
      '2026-03-09': 2,
      '2026-03-10': 2,
    });
    expect(valuesOf(series, 'discord.active.30d')).toEqual({}); // no whole 30-day window yet
  });

  test('messages per day from the first collected day', () => {
    const messages = valuesOf(series, 'discord.messages');
    expect(Object.keys(messages)[0]).toBe('2026-03-01');
    expect(messages['2026-03-01']).toBe(1);
    expect(messages['2026-03-02']).toBe(0);
  });

  test('definitions: people over 7/30-day windows, messages per period', () => {
    expect(findMetric('discord.active.30d')).toMatchObject({
      unit: 'people',
      kind: 'window',
      windowDays: 30,
    });
    expect(findMetric('discord.messages')).toMatchObject({ kind: 'per_period', unit: 'count' });
  });
});

describe('Discussion entries', () => {
  const row = {
    repo_id: 'r1',
    created_at: '2026-03-01T10:00:00Z',
    author: 'asker',
    author_is_bot: 0 as const,
    answerable: 1 as const,
    first_response_at: '2026-03-01T14:00:00Z',
    answer_chosen_at: '2026-03-02T10:00:00Z',
    answer_author: 'helper',
    answer_association: 'CONTRIBUTOR',
  };
  const data = rawData({
    repos: [{ id: 'r1' }, { id: 'r2' }],
    discussions: [
      row,
      { ...row, repo_id: 'r2', answer_author: 'lead', answer_association: 'OWNER' },
      {
        ...row,
        repo_id: 'r2',
        answer_chosen_at: null,
        answer_author: null,
        answer_association: null,
      },
    ],
  });
  const series = computeRollups(data, 'UTC', '2026-03-01');

  test.each([
    ['github.discussions.opened', 'all', 3],
    ['github.discussions.opened', 'r2', 2],
    ['github.discussions.answered_share', 'all', 2 / 3],
    ['github.discussions.answered_share', 'r1', 1],
    ['github.discussions.community_answer_share', 'all', 1 / 2],
    ['github.discussions.community_answer_share', 'r2', 0],
    ['github.discussions.first_response.p50', 'all', 4],
  ])('%s in scope %s is %d', (metric, scope, value) => {
    expect(valuesOf(series, metric, scope)['2026-03-01']).toBe(value);
  });

  test('shares are ratios over 90 days; the first response is better lower', () => {
    expect(findMetric('github.discussions.answered_share')).toMatchObject({
      unit: 'ratio',
      windowDays: 90,
    });
    expect(findMetric('github.discussions.first_response.p50')).toMatchObject({
      unit: 'hours',
      better: 'at_most',
    });
  });
});
