import { describe, expect, test } from 'vitest';
import { BotList, contributorKey, emailKey } from '../../../collector/github/actors.js';
import {
  LandedScan,
  landedThroughPulls,
  toCommitContributions,
  toGitCommitRows,
  type CommitJson,
  type CommitNode,
} from '../../../collector/github/mainline.js';

/**
 * A default branch as `GET /repos/{o}/{r}/commits?sha=main` lists it (newest first, every reachable
 * commit), in GitHub's shape:
 *
 *   m1 (alice pushes) ← m2 (merge of PR #5: b1 by bob, b2 by carol, b3 by bob's unlinked e-mail,
 *   merged by maint) ← s1 (squash of PR #6 by dana) ← r1, r2 (rebase merge of PR #7 by erin, same
 *   instant) ← m3 (maint merges a local branch l1 by maint) ← h (frank pushes: the head)
 */
const ME = { login: 'web-flow', type: 'User' };
const user = (login: string) => ({ login, type: 'User' });
function commit(
  sha: string,
  parents: string[],
  author: { login: string; type: string } | null,
  email: string,
  authored: string,
  committed = authored,
  committer: { login: string; type: string } | null = author,
): CommitJson & Record<string, unknown> {
  const url = `https://api.github.com/repos/acme/app/commits/${sha}`;
  return {
    url,
    sha,
    node_id: `C_${sha}`,
    html_url: `https://github.com/acme/app/commit/${sha}`,
    comments_url: `${url}/comments`,
    commit: {
      author: { name: email.split('@')[0], email, date: authored },
      committer: {
        name: committer === ME ? 'GitHub' : email.split('@')[0],
        email: committer === ME ? 'noreply@github.com' : email,
        date: committed,
      },
      message: `commit ${sha}`,
      tree: { sha: `t${sha}`, url: `${url}/tree` },
      comment_count: 0,
    } as CommitJson['commit'],
    author,
    committer,
    parents: parents.map((p) => ({
      sha: p,
      url: `https://api.github.com/repos/acme/app/commits/${p}`,
      html_url: `https://github.com/acme/app/commit/${p}`,
    })),
  };
}

const LISTING: CommitJson[] = [
  commit('h', ['m3'], user('Frank'), 'frank@users.example.org', '2026-03-09T10:00:00Z'),
  commit('m3', ['r2', 'l1'], user('maint'), 'maint@x.org', '2026-03-08T10:00:00Z'),
  commit('l1', ['r2'], user('maint'), 'maint@x.org', '2026-03-07T12:00:00Z'),
  commit(
    'r2',
    ['r1'],
    user('erin'),
    'erin@x.org',
    '2026-03-05T09:00:00Z',
    '2026-03-07T10:00:00Z',
    ME,
  ),
  commit(
    'r1',
    ['s1'],
    user('erin'),
    'erin@x.org',
    '2026-03-05T08:00:00Z',
    '2026-03-07T10:00:00Z',
    ME,
  ),
  commit(
    's1',
    ['m2'],
    user('dana'),
    'dana@x.org',
    '2026-03-06T10:00:00Z',
    '2026-03-06T10:00:00Z',
    ME,
  ),
  commit(
    'm2',
    ['m1', 'b3'],
    user('maint'),
    'maint@x.org',
    '2026-03-04T10:00:00Z',
    '2026-03-04T10:00:00Z',
    ME,
  ),
  commit('b3', ['b2'], null, 'bob@home.example.net', '2026-03-03T10:00:00Z'),
  commit('b2', ['b1'], user('carol'), 'carol@x.org', '2026-03-02T12:00:00Z'),
  commit('b1', ['m1'], user('bob'), 'bob@x.org', '2026-03-02T10:00:00Z'),
  commit('m1', [], user('alice'), 'alice@x.org', '2026-03-01T10:00:00Z'),
];
const PULLS = new Map([
  ['m2', 5],
  ['s1', 6],
  ['r2', 7],
]);
const bots = new BotList([]);

function contributions(listing: readonly CommitJson[], known: CommitNode[] = []) {
  const nodes = new Map(
    [...known, ...toGitCommitRows('1', listing, bots)].map((n) => [n.sha, n] as const),
  );
  // The first-parent chain down to a commit an earlier pass walked (the database walks it in the
  // collector: test/integration/db/commit-walk.test.ts).
  const chain: CommitNode[] = [];
  for (let node = nodes.get(listing[0]!.sha); node && node.mainline !== 1;) {
    chain.push(node);
    node = node.parent === null ? undefined : nodes.get(node.parent);
  }
  const walk = { chain };
  const landed = landedThroughPulls(walk.chain, PULLS);
  return { walk, landed, rows: toCommitContributions('1', walk.chain, landed) };
}

describe('contributions from the commit graph', () => {
  test('only mainline non-merge commits that did not come through a PR count', () => {
    const { walk, rows } = contributions(LISTING);
    expect(walk.chain.map((c) => c.sha)).toEqual(['h', 'm3', 'r2', 'r1', 's1', 'm2', 'm1']);
    expect(rows.map((r) => [r.ref, r.contributor, r.at])).toEqual([
      ['h', contributorKey('frank'), '2026-03-09T10:00:00Z'],
      ['m1', contributorKey('alice'), '2026-03-01T10:00:00Z'],
    ]);
  });

  test.each([
    ['the merge commit of a PR (its merger)', 'm2'],
    ['a local merge commit', 'm3'],
    ['a PR-branch commit by the PR author', 'b1'],
    ['a PR-branch commit by a co-author', 'b2'],
    ['a PR-branch commit by an unlinked e-mail', 'b3'],
    ['a squash merge', 's1'],
    ['the last commit of a rebase merge', 'r2'],
    ['an earlier commit of the same rebase merge', 'r1'],
    ['a commit of a maintainer’s merged local branch', 'l1'],
  ])('%s is no contribution', (_what, sha) => {
    expect(contributions(LISTING).rows.map((r) => r.ref)).not.toContain(sha);
  });

  test('nobody is credited for PR branches or merges: no co-author, no unlinked e-mail, no merger', () => {
    const keys = new Set(contributions(LISTING).rows.map((r) => r.contributor));
    for (const key of [
      contributorKey('carol'),
      emailKey('bob@home.example.net'),
      contributorKey('maint'),
      contributorKey('erin'),
      contributorKey('dana'),
      contributorKey('web-flow'),
    ])
      expect(keys.has(key)).toBe(false);
  });

  test('an incremental listing joins the mainline an earlier pass walked', () => {
    const earlier = toGitCommitRows('1', LISTING, bots).map((n) => ({
      ...n,
      mainline: 1 as const,
    }));
    const next = [
      commit('n2', ['n1'], user('gus'), 'gus@x.org', '2026-03-11T10:00:00Z'),
      commit('n1', ['h'], null, 'Hal@Example.com', '2026-03-10T10:00:00Z'),
    ];
    const { walk, rows } = contributions(next, earlier);
    expect(walk.chain.map((c) => c.sha)).toEqual(['n2', 'n1']);
    expect(rows.map((r) => r.contributor)).toEqual([
      contributorKey('gus'),
      emailKey('hal@example.com'),
    ]);
  });

  test('taken in pieces of any size, newest first, the PRs commits landed through are the same', () => {
    const { walk } = contributions(LISTING);
    for (let size = 1; size <= walk.chain.length; size++) {
      const scan = new LandedScan();
      for (let i = 0; i < walk.chain.length; i += size)
        scan.add(walk.chain.slice(i, i + size), PULLS);
      // r1 was written by GitHub in r2's instant (a rebase merge): it landed with PR 7.
      expect(Object.fromEntries(scan.landed)).toEqual({ r2: 7, r1: 7, s1: 6, m2: 5 });
    }
  });

  test('a rebase merge takes only the commits GitHub wrote in the same instant', () => {
    const listing = [
      commit(
        'r2',
        ['r1'],
        user('erin'),
        'e@x.org',
        '2026-03-05T09:00:00Z',
        '2026-03-07T10:00:00Z',
        ME,
      ),
      commit(
        'r1',
        ['p'],
        user('erin'),
        'e@x.org',
        '2026-03-05T08:00:00Z',
        '2026-03-07T10:00:00Z',
        ME,
      ),
      commit('p', [], user('erin'), 'e@x.org', '2026-03-07T09:59:00Z'),
    ];
    const { landed, rows } = contributions(listing);
    expect([...landed.keys()]).toEqual(['r2', 'r1']);
    expect(rows.map((r) => r.ref)).toEqual(['p']);
  });
});
