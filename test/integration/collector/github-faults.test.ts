import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runCollection, type CollectionOptions } from '../../../collector/run.js';
import type { DatabaseHandle, Dialect } from '../../../db/connect.js';
import { fullName } from '../../../demo/github/world.js';
import {
  GITHUB_TEST_URL,
  collectGithubOnce,
  githubConfig,
  startGithubStandIn,
  type GithubFixture,
} from '../../helpers/github.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';
import { dumpTables } from '../../helpers/dump.js';

const SIZE = { repos: 1, stars: 350, pulls: 120, issues: 150, commits: 120, seed: 11 };

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

let dialect: Dialect = 'sqlite';

async function setup(options = SIZE) {
  const fixture = startGithubStandIn(options);
  const database = await openTestDatabase(dialect);
  cleanups.push(
    () => fixture.close(),
    () => database.drop(),
  );
  return { fixture, database };
}

const config = githubConfig;

function collect(
  database: DatabaseHandle,
  fixture: GithubFixture,
  extra: Partial<CollectionOptions> = {},
) {
  return collectGithubOnce(database.db, fixture, { backfill: true, ...extra });
}

const dump = (database: DatabaseHandle) => dumpTables(database.db);

describe.each(DIALECTS)('on %s', (each) => {
  beforeAll(() => {
    dialect = each;
  });

  describe('GitHub collector under faults', () => {
    test('without a star-history endpoint, a refused stargazer list keeps the snapshots, records why, and the pass succeeds', async () => {
      const { fixture, database } = await setup();
      fixture.standIn.starHistory.served = false;
      fixture.standIn.world.repos[0]!.stargazersHidden = true;
      const summary = await collect(database, fixture);
      expect(summary.ok).toBe(true);
      expect(summary.notes.join(' ')).toMatch(/stargazer list/);
      const repo = fixture.standIn.world.repos[0]!;
      expect(await database.db.selectFrom('star').selectAll().execute()).toEqual([]);
      const snapshot = await database.db
        .selectFrom('repo_snapshot')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(snapshot.stars).toBe(repo.stars.length);
      const state = await database.db
        .selectFrom('sync_state')
        .selectAll()
        .where('resource', '=', 'stars')
        .executeTakeFirstOrThrow();
      expect(state.status).toBe('refused');
      expect(await database.db.selectFrom('pull_request').selectAll().execute()).toHaveLength(
        repo.pulls.length,
      );
    });

    test('a secondary rate limit (403 + retry-after) is waited out and the pass completes', async () => {
      const { fixture, database } = await setup();
      let refusals = 0;
      fixture.standIn.interceptors.push((request, url) => {
        if (url.pathname === '/graphql' && refusals < 2) {
          refusals++;
          return new Response(
            JSON.stringify({
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            }),
            {
              status: 403,
              headers: { 'content-type': 'application/json', 'retry-after': '1' },
            },
          );
        }
        return undefined;
      });
      const summary = await collect(database, fixture);
      expect(refusals).toBe(2);
      expect(summary.ok).toBe(true);
      expect(await database.db.selectFrom('issue').selectAll().execute()).toHaveLength(
        fixture.standIn.world.repos[0]!.issues.length,
      );
    });

    test('GraphQL 200 with RATE_LIMITED errors is retried after the reset', async () => {
      const { fixture, database } = await setup();
      let limited = 0;
      fixture.standIn.interceptors.push((_request, url) => {
        if (url.pathname === '/graphql' && limited < 1) {
          limited++;
          return new Response(
            JSON.stringify({
              errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded' }],
            }),
            {
              status: 200,
              headers: {
                'content-type': 'application/json',
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
              },
            },
          );
        }
        return undefined;
      });
      const summary = await collect(database, fixture);
      expect(limited).toBe(1);
      expect(summary.ok, summary.error ?? '').toBe(true);
      expect(await database.db.selectFrom('pull_request').selectAll().execute()).toHaveLength(
        fixture.standIn.world.repos[0]!.pulls.length,
      );
    });

    test('a renamed repository (301) is followed and its stored name updated', async () => {
      const { fixture, database } = await setup();
      const repo = fixture.standIn.world.repos[0]!;
      const oldName = fullName(repo);
      await collect(database, fixture);
      repo.formerNames.push(oldName);
      repo.name = 'core-renamed';
      const summary = await collect(database, fixture, {
        config: config(fixture.standIn.world, { repos: [oldName] }),
      });
      expect(summary.ok, summary.error ?? '').toBe(true);
      expect(summary.notes.join(' ')).toContain(`${oldName} was renamed to ${fullName(repo)}`);
      expect(summary.blockers).toEqual([
        { kind: 'github-renamed', from: oldName, to: fullName(repo) },
      ]);
      const rows = await database.db.selectFrom('repo').selectAll().execute();
      expect(rows.map((r) => r.full_name)).toEqual([fullName(repo)]);
    });

    test('a revoked token fails fast with one clear message and no retries', async () => {
      const { fixture, database } = await setup();
      let calls = 0;
      fixture.standIn.interceptors.push(() => {
        calls++;
        return new Response(JSON.stringify({ message: 'Bad credentials' }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      });
      const summary = await collect(database, fixture);
      expect(summary.ok).toBe(false);
      expect(summary.error).toMatch(/GitHub rejected GITHUB_TOKEN \(401/);
      expect(calls).toBe(1);
      const run = await database.db
        .selectFrom('collection_run')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ ok: 0, error: summary.error });
    });

    test('bots from the config are excluded like GitHub bots', async () => {
      const { fixture, database } = await setup();
      const someone = fixture.standIn.world.repos[0]!.pulls.find(
        (p) => p.mergedAt && p.author?.type === 'User',
      )!.author!.login;
      await collect(database, fixture, {
        config: config(fixture.standIn.world, { bots: [`${someone}[bot]`] }),
      });
      const ids = (await database.db.selectFrom('contributor').select('id').execute()).map(
        (c) => c.id,
      );
      expect(ids).not.toContain(someone.toLowerCase());
      const pr = await database.db
        .selectFrom('pull_request')
        .selectAll()
        .where('author_is_bot', '=', 1)
        .execute();
      expect(pr.length).toBeGreaterThan(0);
    });

    test('a backfill stopped mid-way and run again ends with the same rows as an uninterrupted one', async () => {
      const clean = await setup();
      await collect(clean.database, clean.fixture);
      const expected = await dump(clean.database);

      for (const stopAfter of [3, 9, 17]) {
        const { fixture, database } = await setup();
        const controller = new AbortController();
        let seen = 0;
        fixture.standIn.interceptors.push(() => {
          if (++seen === stopAfter) controller.abort();
          return undefined;
        });
        const interrupted = await collect(database, fixture, { signal: controller.signal });
        expect(interrupted.ok).toBe(false);
        expect(interrupted.error).toMatch(/interrupted/);
        fixture.standIn.interceptors.splice(0);
        const resumed = await collect(database, fixture);
        expect(resumed.ok, resumed.error ?? '').toBe(true);
        expect(await dump(database)).toEqual(expected);
      }
    });
  });

  describe('GitHub Enterprise Server', () => {
    test('an /api/v3 base URL works, with GraphQL at /api/graphql', async () => {
      const { fixture, database } = await setup();
      const paths = new Set<string>();
      fixture.standIn.interceptors.push((_request, url) => {
        paths.add(url.pathname.replace(/\/repos\/.*$/, '/repos/…'));
        return undefined;
      });
      const base = githubConfig(fixture.standIn.world);
      const summary = await collect(database, fixture, {
        config: { ...base, env: { ...base.env, githubApiUrl: `${GITHUB_TEST_URL}/api/v3` } },
      });
      expect(summary.ok, summary.error ?? '').toBe(true);
      expect([...paths].sort()).toEqual(['/api/graphql', '/api/v3/repos/…']);
      expect(await database.db.selectFrom('issue').selectAll().execute()).toHaveLength(
        fixture.standIn.world.repos[0]!.issues.length,
      );
    });
  });

  describe('rate-limit budget', () => {
    test('a normal pass stops before the last 10% of the budget, resumably; --backfill uses it', async () => {
      const { fixture, database } = await setup();
      fixture.standIn.rate.graphql.remaining = 480; // of 5,000: under the 10% reserve
      const normal = await collect(database, fixture, { backfill: false });
      expect(normal.ok).toBe(false);
      expect(normal.error).toMatch(/keep 10% of the GitHub graphql rate limit .*--backfill/);
      // The snapshot and the one GraphQL request that told us; the star history is REST (another budget).
      const history = fixture.standIn.stats.routes['GET /repos/:owner/:repo/stargazers/history'];
      expect(normal.requests - (history ?? 0)).toBeLessThanOrEqual(2);

      const backfill = await collect(database, fixture, { backfill: true });
      expect(backfill.ok, backfill.error ?? '').toBe(true);
      expect(await database.db.selectFrom('pull_request').selectAll().execute()).toHaveLength(
        fixture.standIn.world.repos[0]!.pulls.length,
      );
    });
  });

  describe('organisations', () => {
    test('an org expands to its public, non-archived, non-fork repositories', async () => {
      const { fixture, database } = await setup({ ...SIZE, repos: 3 });
      const [, fork, archived] = fixture.standIn.world.repos;
      fork!.isFork = true;
      archived!.isArchived = true;
      const [summary] = await runCollection({
        db: database.db,
        config: {
          ...config(fixture.standIn.world, { repos: [], orgs: [fixture.standIn.world.org] }),
        },
        github: { graphqlSpacingMs: 0 },
        backfill: true,
      });
      expect(summary!.ok, summary!.error ?? '').toBe(true);
      const names = (await database.db.selectFrom('repo').select('full_name').execute()).map(
        (r) => r.full_name,
      );
      expect(names).toEqual([fullName(fixture.standIn.world.repos[0]!)]);

      fixture.standIn.resetStats();
      await runCollection({
        db: database.db,
        config: config(fixture.standIn.world, { repos: [], orgs: [fixture.standIn.world.org] }),
        github: { graphqlSpacingMs: 0 },
      });
      expect(fixture.standIn.stats.routes['GET /orgs/:org/repos']).toBe(1);
      expect(fixture.standIn.stats.rest).toBe(fixture.standIn.stats.notModified); // the org listing is a 304 too
    });
  });
});
