/**
 * Fork owners: a backfill lists every fork (1 request per 100), a pass after new forks reads only
 * down to the newest known one, an unchanged pass asks nothing, and an interrupted listing resumes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { forksNewestFirst } from '../../../demo/github/forks.js';
import { advanceWorld, type RepoData } from '../../../demo/github/world.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

const FORKS = 'GET /repos/:owner/:repo/forks';

describe.each(DIALECTS)('fork owners on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: GithubFixture;
  let repos: RepoData[];

  beforeAll(async () => {
    fixture = startGithubStandIn({
      repos: 2,
      stars: 2200,
      pulls: 200,
      issues: 50,
      commits: 50,
      seed: 9,
    });
    repos = fixture.standIn.world.repos;
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  async function stored(repo: RepoData) {
    return database.db
      .selectFrom('fork')
      .select(['fork_id', 'owner', 'owner_type', 'created_at'])
      .where('repo_id', '=', String(repo.id))
      .orderBy('fork_id')
      .execute();
  }
  const expected = (repo: RepoData) =>
    forksNewestFirst(repo)
      .map((f) => ({
        fork_id: String(f.id),
        owner: f.owner.login.toLowerCase(),
        owner_type: f.owner.type,
        created_at: f.createdAt,
      }))
      .sort((a, b) => a.fork_id.localeCompare(b.fork_id));

  test('a backfill stores every fork owner, at one request per 100 forks', async () => {
    expect(repos[0]!.forks).toBeGreaterThan(100); // more than one page
    const summary = await collectGithubOnce(database.db, fixture, { backfill: true });
    expect(summary.ok, summary.error ?? '').toBe(true);
    const pages = repos.reduce((n, r) => n + Math.ceil(r.forks / 100), 0);
    expect(fixture.standIn.stats.routes[FORKS]).toBe(pages);
    for (const repo of repos) expect(await stored(repo)).toEqual(expected(repo));
    // Some fork owners contributed, most did not.
    const contributing = await database.db
      .selectFrom('fork')
      .innerJoin('contribution', 'contribution.contributor', 'fork.owner')
      .select('fork.owner')
      .distinct()
      .execute();
    expect(contributing.length).toBeGreaterThan(0);
    expect(contributing.length).toBeLessThan(repos.reduce((n, r) => n + r.forks, 0) / 2);
  });

  test('an unchanged pass asks nothing; after new forks, one page down to the newest known', async () => {
    fixture.standIn.resetStats();
    await collectGithubOnce(database.db, fixture);
    expect(fixture.standIn.stats.routes[FORKS]).toBeUndefined();

    advanceWorld(fixture.standIn.world, 0.02);
    fixture.standIn.resetStats();
    await collectGithubOnce(database.db, fixture);
    expect(fixture.standIn.stats.routes[FORKS]).toBe(repos.length);
    for (const repo of repos) expect(await stored(repo)).toEqual(expected(repo));
  });

  test('a listing interrupted after its first page resumes at the second', async () => {
    advanceWorld(fixture.standIn.world, 0.8); // more than 100 new forks on the first repository
    const before = (await stored(repos[0]!)).length;
    const fresh = repos[0]!.forks;
    const newForks = fresh - before;
    expect(newForks).toBeGreaterThan(100);
    let seen = 0;
    fixture.standIn.interceptors.push((request, url) => {
      if (!/\/forks$/.test(url.pathname)) return undefined;
      seen++;
      return seen === 2 ? new Response('{"message":"Not Found"}', { status: 404 }) : undefined;
    });
    fixture.standIn.resetStats();
    const broken = await collectGithubOnce(database.db, fixture);
    fixture.standIn.interceptors.splice(0);
    expect(broken.ok).toBe(false); // the repository failed; the next pass retries it
    expect((await stored(repos[0]!)).length).toBeLessThan(fresh);

    fixture.standIn.resetStats();
    await collectGithubOnce(database.db, fixture);
    // Resumed at page 2 (the first page is not read again), to the end of the new forks.
    // The other repository finished its listing in the broken pass.
    expect(fixture.standIn.stats.routes[FORKS]).toBe(Math.ceil(newForks / 100) - 1);
    for (const repo of repos) expect(await stored(repo)).toEqual(expected(repo));
  });
});
