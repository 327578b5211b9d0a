import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from '../../../db/connect.js';
import { listDiscussions } from '../../../db/queries/discussions.js';
import type { DiscussionData } from '../../../demo/github/discussions.js';
import { advanceWorld, type RepoData } from '../../../demo/github/world.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

const SIZE = {
  repos: 3,
  stars: 60,
  pulls: 30,
  issues: 30,
  commits: 30,
  discussions: 300,
  seed: 11,
};

/** What the generator decided, in the stored row's terms (bots and deleted accounts are nobody). */
function expectedRows(repo: RepoData) {
  const person = (a: DiscussionData['author']) => (a === null || a.type === 'Bot' ? null : a.login);
  return repo.discussions
    .map((d) => {
      const answer = d.answer === null ? null : d.comments[d.answer]!;
      return {
        number: d.number,
        created_at: d.createdAt,
        updated_at: d.updatedAt,
        author: person(d.author),
        author_is_bot: d.author?.type === 'Bot' ? 1 : 0,
        answerable: d.category.isAnswerable ? 1 : 0,
        first_response_at: d.truth.firstResponseAt,
        answer_at: answer?.at ?? null,
        answer_chosen_at: d.answerChosenAt,
        answer_author: answer ? person(answer.author) : null,
        answer_association: answer?.authorAssociation ?? null,
      };
    })
    .sort((a, b) => a.number - b.number);
}

async function storedRows(database: DatabaseHandle, repo: RepoData) {
  const rows = await database.db
    .selectFrom('github_discussion')
    .selectAll()
    .where('repo_id', '=', String(repo.id))
    .orderBy('number')
    .execute();
  return rows.map(({ repo_id: _repo, author_association: _association, ...rest }) => ({
    ...rest,
    author_is_bot: Number(rest.author_is_bot),
    answerable: Number(rest.answerable),
  }));
}

describe.each(DIALECTS)('GitHub Discussions on %s', (dialect) => {
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

  test('a backfill stores exactly the generated discussions, 50 a request', async () => {
    const summary = await collectGithubOnce(database.db, fixture, { backfill: true });
    expect(summary.ok, summary.error ?? '').toBe(true);
    const { world, stats } = fixture.standIn;
    const [core, plugins, docs] = world.repos;
    expect(docs!.hasDiscussions).toBe(false);
    for (const repo of [core!, plugins!]) {
      expect(repo.discussions.length).toBeGreaterThan(40);
      expect(await storedRows(database, repo)).toEqual(expectedRows(repo));
    }
    expect(await listDiscussions(database.db)).toHaveLength(
      core!.discussions.length + plugins!.discussions.length,
    );
    // Discussions off: nothing asked beyond the probe, nothing stored, the pass is fine.
    expect(await storedRows(database, docs!)).toEqual([]);
    expect(stats.operations['Discussions']).toBe(
      Math.ceil(core!.discussions.length / 50) + Math.ceil(plugins!.discussions.length / 50),
    );
  });

  test('an unchanged pass asks nothing about discussions beyond the probe', async () => {
    fixture.standIn.resetStats();
    const summary = await collectGithubOnce(database.db, fixture);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(fixture.standIn.stats.operations['Discussions']).toBeUndefined();
    // One batched probe for every repository: 3 connections each, well under 100: one point.
    expect(fixture.standIn.stats.points).toBe(1);
    expect(fixture.standIn.stats.operations['ProbeBatch']).toBe(1);
  });

  test('after a day, one page per repo with new activity, and the stored rows are the truth', async () => {
    const { world } = fixture.standIn;
    advanceWorld(world, 0.02);
    fixture.standIn.resetStats();
    const summary = await collectGithubOnce(database.db, fixture);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(fixture.standIn.stats.operations['Discussions']).toBe(2);
    for (const repo of world.repos) {
      expect(await storedRows(database, repo)).toEqual(
        repo.hasDiscussions ? expectedRows(repo) : [],
      );
    }
  });

  test('a failing discussions query is one line for that repo; the other repos are collected', async () => {
    const { world } = fixture.standIn;
    advanceWorld(world, 0.02);
    const core = world.repos[0]!;
    fixture.standIn.interceptors.push(async (request) => {
      if (!request.url.endsWith('/graphql')) return undefined;
      const body = (await request.clone().json()) as { query: string; variables: { name: string } };
      if (!body.query.includes('query Discussions') || body.variables.name !== core.name)
        return undefined;
      return new Response(
        JSON.stringify({
          data: null,
          errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    });
    const failed = await collectGithubOnce(database.db, fixture);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(
      new RegExp(`^${core.owner}/${core.name}: .*the next pass retries it\\.$`),
    );
    expect(await storedRows(database, world.repos[1]!)).toEqual(expectedRows(world.repos[1]!));
    fixture.standIn.interceptors.splice(0);
    const again = await collectGithubOnce(database.db, fixture);
    expect(again.ok, again.error ?? '').toBe(true);
    expect(await storedRows(database, core)).toEqual(expectedRows(core));
  });
});
