import { describe, expect, test } from 'vitest';
import { BotList, contributorKey, emailKey } from '../../../collector/github/actors.js';
import { toGitCommitRows, type CommitJson } from '../../../collector/github/mainline.js';
import { toIssueRows, type IssueNode } from '../../../collector/github/issues.js';
import {
  toPullRequestRows,
  type PullRequestNode,
} from '../../../collector/github/pull-requests.js';

const bots = new BotList(['renovate[bot]', 'ci-helper']);
const user = (login: string) => ({ __typename: 'User', login });
const bot = (login: string) => ({ __typename: 'Bot', login });

describe('who counts', () => {
  test.each([
    [{ __typename: 'User', login: 'octocat' }, 'octocat'],
    [{ __typename: 'Bot', login: 'dependabot' }, null], // GraphQL spells bots without [bot]
    [{ type: 'Bot', login: 'dependabot[bot]' }, null], // REST
    [{ type: 'User', login: 'weird[bot]' }, null],
    [{ __typename: 'User', login: 'renovate' }, null], // config lists renovate[bot]
    [{ __typename: 'User', login: 'CI-Helper' }, null], // config, case-insensitive
    [{ type: 'User', login: 'ghost' }, null], // REST placeholder for deleted accounts
    [null, null],
  ])('%o → %s', (actor, expected) => {
    expect(bots.person(actor)).toBe(expected);
  });
});

function pr(overrides: Partial<PullRequestNode>): PullRequestNode {
  return {
    number: 7,
    title: 'Add <b>things</b>',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-03T10:00:00Z',
    mergedAt: null,
    closedAt: null,
    isDraft: false,
    state: 'OPEN',
    mergeCommit: null,
    authorAssociation: 'CONTRIBUTOR',
    author: user('Alice'),
    reviews: { nodes: [] },
    comments: { nodes: [] },
    ...overrides,
  };
}

describe('pull request rows', () => {
  test('first review and response skip the author (any case), bots and deleted accounts', () => {
    const [row] = toPullRequestRows(
      '1',
      [
        pr({
          reviews: {
            nodes: [
              {
                author: user('alice'),
                submittedAt: '2026-03-01T11:00:00Z',
                createdAt: '2026-03-01T11:00:00Z',
              },
              {
                author: bot('copilot'),
                submittedAt: '2026-03-01T11:30:00Z',
                createdAt: '2026-03-01T11:30:00Z',
              },
              {
                author: null,
                submittedAt: '2026-03-01T11:45:00Z',
                createdAt: '2026-03-01T11:45:00Z',
              },
              { author: user('bob'), submittedAt: null, createdAt: '2026-03-02T09:00:00Z' }, // pending: createdAt
            ],
          },
          comments: {
            nodes: [
              { author: bot('github-actions'), createdAt: '2026-03-01T10:05:00Z' },
              { author: user('carol'), createdAt: '2026-03-01T20:00:00Z' },
            ],
          },
        }),
      ],
      bots,
    ).pullRequests;
    expect(row).toMatchObject({
      first_review_at: '2026-03-02T09:00:00Z',
      first_response_at: '2026-03-01T20:00:00Z',
      author: 'Alice',
      state: 'open',
    });
  });

  test.each([
    [
      'merged by a person',
      {
        state: 'MERGED' as const,
        mergedAt: '2026-03-05T00:00:00Z',
        closedAt: '2026-03-05T00:00:00Z',
      },
      'merged',
      1,
    ],
    [
      'closed without merge',
      { state: 'CLOSED' as const, closedAt: '2026-03-05T00:00:00Z' },
      'closed',
      0,
    ],
    ['draft', { isDraft: true }, 'open', 0],
    [
      'merged, by a bot',
      { state: 'MERGED' as const, mergedAt: '2026-03-05T00:00:00Z', author: bot('dependabot') },
      'merged',
      0,
    ],
    [
      'merged, deleted author',
      { state: 'MERGED' as const, mergedAt: '2026-03-05T00:00:00Z', author: null },
      'merged',
      0,
    ],
  ])('%s', (_name, overrides, state, contributions) => {
    const rows = toPullRequestRows('1', [pr(overrides)], bots);
    expect(rows.pullRequests[0]!.state).toBe(state);
    expect(rows.contributions).toHaveLength(contributions);
    expect(rows.notContributions).toHaveLength(1 - contributions);
    if (contributions)
      expect(rows.contributions[0]).toEqual({
        repo_id: '1',
        kind: 'pr',
        ref: '7',
        contributor: 'alice',
        at: '2026-03-05T00:00:00Z',
      });
  });
});

describe('issue rows', () => {
  const issue = (overrides: Partial<IssueNode>): IssueNode => ({
    number: 3,
    title: 'Crash',
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-04T10:00:00Z',
    closedAt: null,
    state: 'OPEN',
    author: user('dave'),
    comments: { nodes: [] },
    timelineItems: { nodes: [] },
    ...overrides,
  });

  test.each([
    ['no response yet', {}, null],
    [
      'the author talking to themselves',
      { comments: { nodes: [{ author: user('dave'), createdAt: '2026-03-01T11:00:00Z' }] } },
      null,
    ],
    [
      'a maintainer after a bot',
      {
        comments: {
          nodes: [
            { author: bot('stale'), createdAt: '2026-03-01T10:01:00Z' },
            { author: user('erin'), createdAt: '2026-03-01T15:00:00Z' },
          ],
        },
      },
      '2026-03-01T15:00:00Z',
    ],
    [
      'closed by a maintainer before anyone commented',
      {
        state: 'CLOSED' as const,
        closedAt: '2026-03-01T12:00:00Z',
        timelineItems: { nodes: [{ actor: user('erin'), createdAt: '2026-03-01T12:00:00Z' }] },
      },
      '2026-03-01T12:00:00Z',
    ],
    [
      'closed by its author: not a response',
      {
        state: 'CLOSED' as const,
        closedAt: '2026-03-01T12:00:00Z',
        timelineItems: { nodes: [{ actor: user('dave'), createdAt: '2026-03-01T12:00:00Z' }] },
      },
      null,
    ],
    [
      'closed by a bot: not a response',
      {
        state: 'CLOSED' as const,
        closedAt: '2026-03-09T12:00:00Z',
        timelineItems: { nodes: [{ actor: bot('stale'), createdAt: '2026-03-09T12:00:00Z' }] },
      },
      null,
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(toIssueRows('1', [issue(overrides)], bots)[0]!.first_response_at).toBe(expected);
  });
});

describe('commit authors', () => {
  const commit = (author: CommitJson['author'], email = 'x@example.com'): CommitJson => ({
    sha: 'abc',
    commit: {
      author: { email, date: '2026-03-01T10:00:00Z' },
      committer: { email, date: '2026-03-01T10:00:00Z' },
    },
    author,
    committer: author,
    parents: [{ sha: 'abb' }],
  });

  test.each([
    ['a linked account', commit({ login: 'Frank', type: 'User' }), contributorKey('frank')],
    [
      'an unlinked e-mail, counted once per address',
      commit(null, 'Dev@Example.com'),
      emailKey('dev@example.com'),
    ],
    ['a bot account', commit({ login: 'dependabot[bot]', type: 'Bot' }), null],
    ['a bot e-mail', commit(null, '49699333+dependabot[bot]@users.noreply.github.com'), null],
  ])('%s', (_name, c, key) => {
    expect(toGitCommitRows('1', [c], bots)[0]!.contributor).toBe(key);
  });
});
