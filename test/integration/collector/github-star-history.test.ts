/**
 * Star history for every token: the star-history endpoint as the source of the star series (its
 * daily re-read, unstars, GitHub days that do not start at midnight), the stargazer list where the
 * endpoint answers 404, and a refused list recognised in each of the three ways it is refused.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from '../../../db/connect.js';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { addDays, dayRange } from '../../../shared/dates.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { trueContributions } from '../../../demo/github/history.js';
import { unstar } from '../../../demo/github/star-history.js';
import type { RepoData, StargazersRefusal, WorldOptions } from '../../../demo/github/world.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

const HISTORY = 'GET /repos/:owner/:repo/stargazers/history';
const WORLD: WorldOptions = { repos: 1, stars: 900, pulls: 30, issues: 30, commits: 30, seed: 31 };
/** The collector's clock: ten hours into the world's present day. */
const DAY1 = new Date(Date.parse('2026-11-01T10:00:00Z'));
const DAY2 = new Date(DAY1.getTime() + 86_400_000);
const REFUSALS: StargazersRefusal[] = ['forbidden', 'http403', 'empty'];

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** Stars still present, given on or before each day (UTC), from the generator. */
function truthOn(repo: RepoData, day: string): number {
  return repo.stars.filter((s) => s.starredAt.slice(0, 10) <= day).length;
}

/** The probe that asks for stars must still give the branch head, or no commit is walked. */
async function expectCommitContributions(database: DatabaseHandle, repo: RepoData) {
  const stored = await database.db
    .selectFrom('contribution')
    .select('ref')
    .where('kind', '=', 'commit')
    .execute();
  const truth = trueContributions(repo).filter((c) => c.kind === 'commit');
  expect(truth.length).toBeGreaterThan(0);
  expect(stored.map((c) => c.ref).sort()).toEqual(truth.map((c) => c.ref).sort());
}

async function setup(dialect: (typeof DIALECTS)[number], options: WorldOptions = WORLD) {
  const fixture = startGithubStandIn(options);
  const database = await openTestDatabase(dialect);
  cleanups.push(
    () => fixture.close(),
    () => database.drop(),
  );
  return { fixture, database, repo: fixture.standIn.world.repos[0]! };
}

async function pass(database: DatabaseHandle, fixture: GithubFixture, now: Date, backfill = false) {
  fixture.standIn.resetStats();
  const summary = await collectGithubOnce(database.db, fixture, { backfill, now: () => now });
  expect(summary.ok, summary.error ?? '').toBe(true);
  return summary;
}

/** The rolled-up `github.stars` series of a repository, by day. */
async function starSeries(database: DatabaseHandle, repo: RepoData, now: Date) {
  await refreshDailyMetrics(database.db, 'UTC', now);
  const points = await readDailySeries(database.db, 'github.stars', String(repo.id));
  return new Map(points.map((p) => [p.t, p.v]));
}

const lastYear = (today: string) => dayRange(addDays(today, -365), addDays(today, -1));

describe.each(DIALECTS)('star history on %s', (dialect) => {
  test.each(REFUSALS)(
    'stargazer list refused (%s): the series over the last year is the generator’s, today is stargazers_count',
    async (refusal) => {
      const { fixture, database, repo } = await setup(dialect, {
        ...WORLD,
        refuseStargazers: refusal,
      });
      unstar(fixture.standIn.world, repo, 40); // stars taken back lower past weeks
      const summary = await pass(database, fixture, DAY1, true);
      expect(summary.notes).toEqual([]);
      // ≈ 110 weeks: one request per 30 weeks, and the stargazer list is never asked for.
      const weeks = Math.ceil(
        (Date.parse(fixture.standIn.world.now) - Date.parse(repo.createdAt)) / (7 * 86_400_000),
      );
      expect(fixture.standIn.stats.routes[HISTORY]).toBe(Math.ceil((weeks + 1) / 30));
      expect(fixture.standIn.stats.operations.Stargazers).toBeUndefined();

      const series = await starSeries(database, repo, DAY1);
      for (const day of lastYear('2026-11-01'))
        expect(series.get(day), day).toBe(truthOn(repo, day));
      expect(series.get('2026-11-01')).toBe(repo.stars.length);
      const all = await readDailySeries(database.db, 'github.stars', 'all', '2026-11-01');
      expect(all[0]?.v).toBe(repo.stars.length);
    },
  );

  test('a second pass the same day asks no history; the next day one page, which holds new unstars', async () => {
    const { fixture, database, repo } = await setup(dialect);
    await pass(database, fixture, DAY1, true);
    await pass(database, fixture, new Date(DAY1.getTime() + 3_600_000));
    expect(fixture.standIn.stats.routes[HISTORY]).toBeUndefined();

    unstar(fixture.standIn.world, repo, 5, '2026-09-01T00:00:00Z');
    await pass(database, fixture, DAY2);
    expect(fixture.standIn.stats.routes[HISTORY]).toBe(1);
    const series = await starSeries(database, repo, DAY2);
    for (const day of lastYear('2026-11-02')) expect(series.get(day), day).toBe(truthOn(repo, day));
    expect(series.get('2026-11-02')).toBe(repo.stars.length);

    // The day after, nothing changed: one conditional request, answered 304.
    await pass(database, fixture, new Date(DAY2.getTime() + 86_400_000));
    expect(fixture.standIn.stats.routes[HISTORY]).toBe(1);
    // The snapshot and the history page, and the day's first read of traffic (3) and releases (1).
    expect(fixture.standIn.stats.notModified).toBe(2 + 4);
  });

  test.each([7, 17])(
    'GitHub days starting at %i:00 UTC: each day within a day of the generator’s, today exact',
    async (hours) => {
      const { fixture, database, repo } = await setup(dialect);
      fixture.standIn.starHistory.edgeOffsetHours = hours;
      await pass(database, fixture, DAY1, true);
      const series = await starSeries(database, repo, DAY1);
      let shifted = 0;
      for (const day of lastYear('2026-11-01')) {
        const value = series.get(day)!;
        expect(value).toBeGreaterThanOrEqual(truthOn(repo, addDays(day, -1)));
        expect(value).toBeLessThanOrEqual(truthOn(repo, addDays(day, 1)));
        if (value !== truthOn(repo, day)) shifted++;
      }
      expect(shifted).toBeGreaterThan(0); // the edge really moved stars
      expect(series.get('2026-11-01')).toBe(repo.stars.length);
    },
  );

  test('where the endpoint answers 404 (older GHES) the stargazer list is the source, and the 404 is asked once a day', async () => {
    const { fixture, database, repo } = await setup(dialect);
    fixture.standIn.starHistory.served = false;
    await pass(database, fixture, DAY1, true);
    expect(fixture.standIn.stats.routes[HISTORY]).toBe(1);
    expect(fixture.standIn.stats.operations.Stargazers).toBe(Math.ceil(repo.stars.length / 100));
    const stars = await database.db.selectFrom('star').select('starred_at').execute();
    expect(stars).toHaveLength(repo.stars.length);
    const series = await starSeries(database, repo, DAY1);
    for (const day of lastYear('2026-11-01')) expect(series.get(day), day).toBe(truthOn(repo, day));
    await expectCommitContributions(database, repo);

    await pass(database, fixture, new Date(DAY1.getTime() + 3_600_000));
    expect(fixture.standIn.stats.routes[HISTORY]).toBeUndefined();
    expect(fixture.standIn.stats.operations.Stargazers).toBeUndefined(); // the probe saw no new star
    await pass(database, fixture, DAY2);
    expect(fixture.standIn.stats.routes[HISTORY]).toBe(1);
  });

  test.each(REFUSALS)(
    'no endpoint and the list refused (%s): snapshots only, said so, and the pass goes on',
    async (refusal) => {
      const { fixture, database, repo } = await setup(dialect, {
        ...WORLD,
        refuseStargazers: refusal,
      });
      fixture.standIn.starHistory.served = false;
      const summary = await pass(database, fixture, DAY1, true);
      expect(summary.notes.join(' ')).toMatch(/stargazer list .*daily snapshots/);
      const state = await database.db
        .selectFrom('sync_state')
        .select('status')
        .where('resource', '=', 'stars')
        .executeTakeFirstOrThrow();
      expect(state.status).toBe('refused');
      expect(await database.db.selectFrom('star').selectAll().execute()).toEqual([]);
      expect(await database.db.selectFrom('pull_request').selectAll().execute()).toHaveLength(
        repo.pulls.length,
      );
      await expectCommitContributions(database, repo);
      const series = await starSeries(database, repo, DAY1);
      expect([...series.entries()]).toEqual([['2026-11-01', repo.stars.length]]);

      // The next pass goes on the same way, without failing on the refusal.
      const next = await pass(database, fixture, new Date(DAY1.getTime() + 3_600_000));
      expect(next.notes.join(' ')).toMatch(/stargazer list/);
    },
  );
});

describe('the stand-in serves star history with GitHub’s paging limits', () => {
  const get = async (fixture: GithubFixture, query: string) => {
    const repo = fixture.standIn.world.repos[0]!;
    const url = `http://github.stand-in/repos/${repo.owner}/${repo.name}/stargazers/history?${query}`;
    return fixture.standIn.handle(new Request(url));
  };

  test('per_page over 30 gives 30 weeks, newest first; page 101 is a 422; Link pages to the end', async () => {
    const fixture = startGithubStandIn(WORLD);
    cleanups.push(() => fixture.close());
    const first = await get(fixture, 'per_page=100');
    expect(first.status).toBe(200);
    const weeks = (await first.json()) as { week: number; total: number; days: number[] }[];
    expect(weeks).toHaveLength(30);
    expect(weeks[0]!.week).toBeGreaterThan(weeks[1]!.week);
    for (const w of weeks) expect(w.days.reduce((a, b) => a + b, 0)).toBe(w.total);
    expect(first.headers.get('link')).toMatch(/per_page=30&page=2>; rel="next"/);
    expect((await get(fixture, 'page=101')).status).toBe(422);

    let total = 0;
    for (let page = 1; ; page++) {
      const response = await get(fixture, `per_page=30&page=${page}`);
      const body = (await response.json()) as { total: number }[];
      total += body.reduce((n, w) => n + w.total, 0);
      if (!/rel="next"/.test(response.headers.get('link') ?? '')) break;
    }
    expect(total).toBe(fixture.standIn.world.repos[0]!.stars.length);

    fixture.standIn.starHistory.served = false;
    expect((await get(fixture, '')).status).toBe(404);
  });
});
