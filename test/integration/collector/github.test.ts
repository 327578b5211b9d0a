import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { contributorKey, emailKey } from '../../../collector/github/actors.js';
import type { CollectionOptions } from '../../../collector/run.js';
import { type DatabaseHandle } from '../../../db/connect.js';
import { trueContributions } from '../../../demo/github/history.js';
import { starsByDay } from '../../../demo/github/star-history.js';
import { BOTS, advanceWorld, type World } from '../../../demo/github/world.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

const SIZE = { repos: 2, stars: 700, pulls: 240, issues: 300, commits: 260, seed: 7 };

function collect(
  database: DatabaseHandle,
  fixture: GithubFixture,
  extra: Partial<CollectionOptions> = {},
) {
  return collectGithubOnce(database.db, fixture, extra);
}

/** What the generator says the collectors must find: contributions by DESIGN.md's rule. */
function truth(world: World) {
  const contributors = new Set<string>();
  for (const repo of world.repos) {
    for (const c of trueContributions(repo))
      contributors.add(c.login ? contributorKey(c.login) : emailKey(c.email!));
  }
  return { contributors };
}

describe.each(DIALECTS)('GitHub collector on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: GithubFixture;

  beforeAll(async () => {
    fixture = startGithubStandIn(SIZE);
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });
  afterEach(() => fixture.standIn.interceptors.splice(0));

  test('a backfill stores exactly the generated stars, pull requests, issues and contributors', async () => {
    const summary = await collect(database, fixture, { backfill: true });
    expect(summary.error).toBeNull();
    expect(summary.ok).toBe(true);
    const world = fixture.standIn.world;
    const db = database.db;

    for (const repo of world.repos) {
      const id = String(repo.id);
      // Stars come from the star-history endpoint: per day, exactly the generator's; no stargazer list.
      const days = await db
        .selectFrom('star_day')
        .select(['starts_at', 'stars'])
        .where('repo_id', '=', id)
        .where('stars', '>', 0)
        .orderBy('starts_at')
        .execute();
      expect(new Map(days.map((d) => [d.starts_at.slice(0, 10), d.stars]))).toEqual(
        starsByDay(repo),
      );
      expect(await db.selectFrom('star').selectAll().execute()).toEqual([]);
      const snapshot = await db
        .selectFrom('repo_snapshot')
        .selectAll()
        .where('repo_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(snapshot.stars).toBe(repo.stars.length);

      const pulls = await db
        .selectFrom('pull_request')
        .selectAll()
        .where('repo_id', '=', id)
        .orderBy('number')
        .execute();
      expect(pulls).toHaveLength(repo.pulls.length);
      for (const [i, pr] of repo.pulls.entries()) {
        const row = pulls[i]!;
        expect(row.number).toBe(pr.number);
        expect(row.merged_at).toBe(pr.mergedAt);
        expect(row.state).toBe(pr.mergedAt ? 'merged' : pr.closedAt ? 'closed' : 'open');
        expect(row.is_draft).toBe(pr.isDraft ? 1 : 0);
        expect(row.first_review_at, `PR #${pr.number} first review`).toBe(pr.truth.firstReviewAt);
        expect(row.first_response_at, `PR #${pr.number} first response`).toBe(
          pr.truth.firstResponseAt,
        );
        expect(row.author).toBe(pr.author?.type === 'User' ? pr.author.login : null);
        expect(row.author_is_bot).toBe(pr.author?.type === 'Bot' ? 1 : 0);
      }

      const issues = await db
        .selectFrom('issue')
        .selectAll()
        .where('repo_id', '=', id)
        .orderBy('number')
        .execute();
      expect(issues).toHaveLength(repo.issues.length);
      for (const [i, issue] of repo.issues.entries()) {
        expect(issues[i]!.number).toBe(issue.number);
        expect(issues[i]!.closed_at).toBe(issue.closedAt);
        expect(issues[i]!.first_response_at, `issue #${issue.number}`).toBe(
          issue.truth.firstResponseAt,
        );
      }
      // Issues and pull requests share numbers; none of the issues is a pull request.
      const prNumbers = new Set(repo.pulls.map((p) => p.number));
      expect(issues.some((row) => prNumbers.has(row.number))).toBe(false);
    }

    for (const repo of world.repos) {
      const commits = await db
        .selectFrom('contribution')
        .select('ref')
        .where('repo_id', '=', String(repo.id))
        .where('kind', '=', 'commit')
        .execute();
      const countable = trueContributions(repo).filter((c) => c.kind === 'commit');
      expect(commits.map((c) => c.ref).sort()).toEqual(countable.map((c) => c.ref).sort());
    }

    const contributors = await db.selectFrom('contributor').select('id').execute();
    expect(new Set(contributors.map((c) => c.id))).toEqual(truth(world).contributors);
    // Bots and deleted accounts are nobody.
    const ids = contributors.map((c) => c.id);
    for (const bot of BOTS) expect(ids.some((id) => id.startsWith(bot))).toBe(false);
    expect(ids).not.toContain('ghost');
  });

  test('a second pass with no changes spends only 304s and at most 1 GraphQL point per repo', async () => {
    fixture.standIn.resetStats();
    const summary = await collect(database, fixture);
    const stats = fixture.standIn.stats;
    expect(summary.ok).toBe(true);
    expect(stats.rest).toBe(stats.notModified);
    expect(stats.notModified).toBe(SIZE.repos);
    expect(stats.points).toBeLessThanOrEqual(SIZE.repos);
    expect(summary.points).toBe(stats.points);
    expect(summary.requests).toBe(stats.rest + stats.graphql);
  });

  test('after 1% new items the next pass fetches only those', async () => {
    const world = fixture.standIn.world;
    const before = world.repos.map((r) => ({
      stars: r.stars.length,
      pulls: r.pulls.length,
      issues: r.issues.length,
    }));
    advanceWorld(world, 0.01);
    fixture.standIn.resetStats();
    const summary = await collect(database, fixture);
    expect(summary.ok).toBe(true);
    const stats = fixture.standIn.stats;
    // Per repo: probe + one page each of PRs, issues and discussions; a 200 for the snapshot, one
    // commits page, and one forks page when the fork count moved. The star history was read today
    // already: not again (the snapshot has today's count).
    expect(stats.graphql).toBeLessThanOrEqual(SIZE.repos * 4);
    expect(stats.rest).toBeLessThanOrEqual(SIZE.repos * 3);
    expect(stats.routes['GET /repos/:owner/:repo/forks'] ?? 0).toBeLessThanOrEqual(SIZE.repos);
    expect(stats.routes['GET /repos/:owner/:repo/stargazers/history']).toBeUndefined();
    for (const [i, repo] of world.repos.entries()) {
      const id = String(repo.id);
      const snapshot = await database.db
        .selectFrom('repo_snapshot')
        .select('stars')
        .where('repo_id', '=', id)
        .orderBy('day', 'desc')
        .executeTakeFirstOrThrow();
      expect(snapshot.stars).toBe(repo.stars.length);
      expect(repo.stars.length).toBeGreaterThan(before[i]!.stars);
      const pulls = await database.db
        .selectFrom('pull_request')
        .select('number')
        .where('repo_id', '=', id)
        .execute();
      expect(pulls).toHaveLength(repo.pulls.length);
    }
  });
});
