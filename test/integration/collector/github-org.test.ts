/**
 * An organisation of 200 small repositories: the unchanged hourly pass costs a few GraphQL points
 * (the probe asks about many repositories per query) and one conditional request per repository,
 * answered 304; a change in one repository is still found.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { addActivity } from '../../../demo/github/world.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { githubConfig, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';
import { runCollection } from '../../../collector/run.js';

const REPOS = 200;
let database: OpenTestDatabase;
let fixture: GithubFixture;

async function pass(backfill = false) {
  const world = fixture.standIn.world;
  const [summary] = await runCollection({
    db: database.db,
    config: githubConfig(world, { repos: [], orgs: [world.org] }),
    // The backfill (setup, about 11 requests a repository) runs 4 repositories at once; the
    // passes under test run as a real pass does, one at a time.
    github: { graphqlSpacingMs: 0, retryAfterBaseMs: 10, concurrency: backfill ? 4 : 1 },
    backfill,
    sources: ['github'],
  });
  return summary!;
}

beforeAll(async () => {
  fixture = startGithubStandIn({
    repos: REPOS,
    stars: 400,
    pulls: 100,
    issues: 100,
    commits: 150,
    discussions: 20,
    days: 60,
    seed: 11,
  });
  database = await openTestDatabase('sqlite');
  const backfill = await pass(true);
  expect(backfill.error).toBeNull();
  expect(backfill.ok).toBe(true);
}, 120_000);
afterAll(async () => {
  fixture?.close();
  await database?.drop();
});

test('an unchanged pass over 200 repositories costs at most 10 GraphQL points and 304s', async () => {
  // The star history and traffic are read once a day: the backfill did today's.
  fixture.standIn.resetStats();
  const coreBefore = fixture.standIn.rate.core.remaining;
  const started = performance.now();
  const summary = await pass();
  const seconds = (performance.now() - started) / 1000;
  const stats = fixture.standIn.stats;
  console.log(
    `unchanged pass over ${REPOS} repos: ${stats.points} points, ${stats.graphql} GraphQL requests, ` +
      `${stats.rest} REST requests (${stats.notModified} answered 304), ${seconds.toFixed(2)} s`,
  );
  expect(summary.ok).toBe(true);
  expect(summary.error).toBeNull();
  expect(stats.points).toBeLessThanOrEqual(10);
  // Every REST request is conditional and answered 304: one per repository and the org listing.
  expect(stats.rest).toBe(stats.notModified);
  expect(stats.notModified).toBe(REPOS + 1);
  expect(summary.points).toBe(stats.points);
  // 304s do not count against the REST rate limit.
  expect(fixture.standIn.rate.core.remaining).toBe(coreBefore);
});

test('a change in one of the 200 repositories is still picked up', async () => {
  const world = fixture.standIn.world;
  const repo = world.repos[137]!;
  const pullsBefore = repo.pulls.length;
  const from = Date.parse(world.now);
  addActivity(world, repo, { stars: 0, pulls: 2, issues: 1, commits: 0, from, to: from + 1000 });
  fixture.standIn.resetStats();
  const summary = await pass();
  expect(summary.ok).toBe(true);
  const stored = await database.db
    .selectFrom('pull_request')
    .select('number')
    .where('repo_id', '=', String(repo.id))
    .execute();
  expect(stored).toHaveLength(pullsBefore + 2);
  // Only the changed repository's pull requests and issues were read.
  expect(fixture.standIn.stats.operations.PullRequests).toBe(1);
  expect(fixture.standIn.stats.operations.Issues).toBe(1);
});
