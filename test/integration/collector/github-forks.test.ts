/**
 * Fork owners: a backfill lists every fork (1 request per 100), a pass after new forks reads only
 * down to the newest known one, an unchanged pass asks nothing, and an interrupted listing resumes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { forksNewestFirst } from '../../../demo/github/forks.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { dayRange } from '../../../shared/dates.js';
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

  test('the fork count has its history from the fork list; from the first snapshot on, forks_count', async () => {
    const repo = repos[0]!;
    const snapshot = await database.db
      .selectFrom('repo_snapshot')
      .select(['day', 'forks'])
      .where('repo_id', '=', String(repo.id))
      .executeTakeFirstOrThrow();
    await refreshDailyMetrics(database.db, 'UTC', new Date(`${snapshot.day}T23:00:00Z`));
    const series = await readDailySeries(database.db, 'github.forks', String(repo.id));
    const made = forksNewestFirst(repo).map((f) => f.createdAt.slice(0, 10));
    const first = made.reduce((a, b) => (a < b ? a : b));
    expect(series.map((p) => [p.t, p.v])).toEqual(
      dayRange(first, snapshot.day).map((day) => [
        day,
        day === snapshot.day ? snapshot.forks : made.filter((d) => d <= day).length,
      ]),
    );
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
