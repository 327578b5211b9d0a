/**
 * The stand-in's REST paging, as GitHub pages: `?page=&per_page=` read leniently, a Link header
 * with next/last and first/prev, and a commit listing whose pages, built one at a time, add up to
 * every reachable commit newest first.
 */
import { describe, expect, test } from 'vitest';
import { pageOf } from '../../../../demo/github/paging.js';
import { reachable } from '../../../../demo/github/rest-items.js';
import { createGithubStandIn } from '../../../../demo/github/stand-in.js';
import { createWorld, fullName } from '../../../../demo/github/world.js';

const rels = (link: string | null) =>
  Object.fromEntries(
    [...(link ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map(([, u, rel]) => {
      const q = new URL(u!).searchParams;
      return [rel!, `${q.get('page')}/${q.get('per_page')}`];
    }),
  );

describe('pageOf', () => {
  test.each([
    ['', 95, 0, 30, { next: '2/30', last: '4/30' }],
    ['?page=4', 95, 90, 95, { first: '1/30', prev: '3/30' }],
    [
      '?page=2&per_page=100',
      250,
      100,
      200,
      { next: '3/100', last: '3/100', first: '1/100', prev: '1/100' },
    ],
    ['?per_page=500', 250, 0, 100, { next: '2/100', last: '3/100' }],
    ['?per_page=0&page=0', 10, 0, 10, {}],
    ['?per_page=abc&page=-2', 31, 0, 30, { next: '2/30', last: '2/30' }],
    ['?page=9', 31, 31, 31, { first: '1/30', prev: '8/30' }],
    ['', 0, 0, 0, {}],
  ])('%s of %i items: [%i, %i)', (query, total, start, end, links) => {
    const page = pageOf(new URL(`http://x/list${query}`), total);
    expect([page.start, page.end]).toEqual([start, end]);
    expect(rels(page.link)).toEqual(links);
  });
});

describe('the commit listing', () => {
  const world = createWorld({ repos: 1, stars: 50, pulls: 60, issues: 20, commits: 120, seed: 5 });
  const standIn = createGithubStandIn(world);
  const repo = world.repos[0]!;

  async function listAll(query: string) {
    const shas: string[] = [];
    let url: string | null = `http://x/repos/${fullName(repo)}/commits?per_page=17${query}`;
    while (url) {
      const response = await standIn.handle(new Request(url));
      expect(response.status).toBe(200);
      shas.push(...((await response.json()) as { sha: string }[]).map((c) => c.sha));
      url = /<([^>]+)>; rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null;
    }
    return shas;
  }

  test('its pages add up to every commit reachable from the branch, newest first, once each', async () => {
    const all = reachable(repo, repo.defaultBranch)!;
    expect(all.length).toBeGreaterThan(17 * 3);
    expect(await listAll('')).toEqual(all.map((c) => c.sha));
  });

  test('since and until filter by committer date before paging, from a sha too', async () => {
    const from = repo.commits[Math.floor(repo.commits.length / 2)]!;
    const since = repo.commits[Math.floor(repo.commits.length / 4)]!.committedAt;
    const expected = reachable(repo, from.sha)!
      .filter((c) => c.committedAt >= since && c.committedAt <= from.committedAt)
      .map((c) => c.sha);
    expect(expected.length).toBeGreaterThan(17);
    expect(await listAll(`&sha=${from.sha}&since=${since}&until=${from.committedAt}`)).toEqual(
      expected,
    );
  });
});
