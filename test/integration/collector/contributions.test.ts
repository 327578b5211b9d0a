/**
 * Contributions as units of work (DESIGN.md "Contribution"), end to end: the stand-in lists every
 * commit reachable from the default branch as GitHub does (merge-commit PRs with their branch
 * commits by authors, co-authors and unlinked e-mails; squash and rebase merges; direct pushes;
 * maintainers' merge commits), the collectors store it, the rollups count it, and the API's
 * contributor metrics equal the generator's truth, counted here from how each item was generated.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contributorKey, emailKey } from '../../../collector/github/actors.js';
import { executeGraphql } from '../../../demo/github/graphql.js';
import { trueContributions } from '../../../demo/github/history.js';
import { advanceWorld, type World } from '../../../demo/github/world.js';
import { buildApp } from '../../../server/app.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

const NOW = '2026-11-01T00:00:00Z';
const SIZE = {
  repos: 2,
  stars: 40,
  pulls: 260,
  issues: 30,
  commits: 160,
  days: 500,
  seed: 19,
  now: NOW,
};
const DAY = 86_400_000;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The four metrics by day, from the generator's truth, by their catalog definitions. */
function truthByDay(world: World, days: string[]) {
  const items = world.repos.flatMap(trueContributions).map((c) => ({
    day: c.at.slice(0, 10),
    key: c.login ? contributorKey(c.login) : emailKey(c.email!),
  }));
  const first = new Map<string, string>();
  for (const c of items)
    if (!first.has(c.key) || c.day < first.get(c.key)!) first.set(c.key, c.day);
  const firstDays = [...first.values()];
  const inWindow = (day: string, size: number) =>
    items.filter((c) => c.day <= day && c.day > addDays(day, -size));
  return days.map((day) => {
    const year = new Map<string, number>();
    for (const c of inWindow(day, 365)) year.set(c.key, (year.get(c.key) ?? 0) + 1);
    const counts = [...year.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    let busFactor = 0;
    for (let covered = 0; busFactor < counts.length && covered * 2 < total; busFactor++)
      covered += counts[busFactor]!;
    return {
      day,
      contributors: firstDays.filter((d) => d <= day).length,
      new: firstDays.filter((d) => d === day).length,
      active: new Set(inWindow(day, 90).map((c) => c.key)).size,
      busFactor,
      contributions: items.filter((c) => c.day === day).length,
    };
  });
}

describe.each(DIALECTS)('contributions counted as units of work on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: GithubFixture;
  let now = NOW;

  async function metricsByDay(days: string[]) {
    await refreshDailyMetrics(database.db, 'UTC', new Date(now));
    const app: FastifyInstance = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(now),
    });
    try {
      const series = async (id: string) => {
        const url = `/api/metrics/${id}/series?from=${days[0]}&to=${days.at(-1)}`;
        const points = (await app.inject(url)).json().points as { t: string; v: number | null }[];
        return new Map(points.map((p) => [p.t, p.v]));
      };
      const [contributors, fresh, active, busFactor, contributions] = await Promise.all(
        [
          'github.contributors',
          'github.contributors.new',
          'github.contributors.active',
          'github.bus_factor',
          'github.contributions',
        ].map(series),
      );
      return days.map((day) => ({
        day,
        contributors: contributors!.get(day),
        new: fresh!.get(day),
        active: active!.get(day),
        busFactor: busFactor!.get(day),
        contributions: contributions!.get(day),
      }));
    } finally {
      await app.close();
    }
  }

  /** Every day of the last 120 with a contribution (the rollups end at the last one). */
  function checkedDays(world: World): string[] {
    const last = world.repos.flatMap(trueContributions).reduce((a, c) => (c.at > a ? c.at : a), '');
    const days = Array.from({ length: 120 }, (_, i) => addDays(last.slice(0, 10), i - 119));
    return days;
  }

  beforeAll(async () => {
    fixture = startGithubStandIn(SIZE);
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  test('the generated repositories land work every way GitHub offers', () => {
    const commits = fixture.standIn.world.repos.flatMap((r) => r.commits);
    const pulls = fixture.standIn.world.repos.flatMap((r) => r.pulls);
    const via = (v: string) => commits.filter((c) => c.via === v);
    for (const v of ['push', 'local-merge', 'merge', 'squash', 'rebase', 'branch'])
      expect(via(v).length).toBeGreaterThan(3);
    const branchOf = (number: number) => via('branch').filter((c) => c.pr === number);
    const merged = pulls.filter((p) => p.mergeMethod === 'merge');
    expect(merged.some((p) => branchOf(p.number).length >= 3)).toBe(true);
    expect(
      merged.some((p) =>
        branchOf(p.number).some((c) => c.author && c.author.login !== p.author?.login),
      ),
    ).toBe(true);
    expect(via('branch').some((c) => c.author === null)).toBe(true);
    expect(
      pulls.some(
        (p) => p.mergeMethod === 'rebase' && commits.filter((c) => c.pr === p.number).length >= 2,
      ),
    ).toBe(true);
    // Counting every listed commit would be far off: the point of the rule.
    expect(commits.length).toBeGreaterThan(
      1.5 * via('push').length + pulls.filter((p) => p.mergedAt).length,
    );
  });

  test('after a backfill, contributions, contributors, new, active and bus factor equal the truth, day by day', async () => {
    const summary = await collectGithubOnce(database.db, fixture, {
      backfill: true,
      now: () => new Date(now),
    });
    expect(summary.error).toBeNull();
    const days = checkedDays(fixture.standIn.world);
    expect(await metricsByDay(days)).toEqual(truthByDay(fixture.standIn.world, days));
  });

  test('incremental passes join the stored mainline, and a PR stored after its commits takes them back', async () => {
    const { standIn } = fixture;
    const world = standIn.world;
    advanceWorld(world, 0.04, 24 * 10);
    now = world.now;
    // First pass: the probe sees no PR change (as when PRs merge between the PR pass and the
    // commit listing), so the new squash and rebase commits are walked before their PRs are known.
    standIn.interceptors.push((request, url) => {
      if (!url.pathname.endsWith('/graphql')) return undefined;
      return request
        .clone()
        .json()
        .then((json) => {
          const body = json as { query?: string };
          if (!body.query?.includes('query Probe')) return undefined;
          // The batched probe: one alias per repository.
          type Probed = { pullRequests?: { nodes: { updatedAt: string }[] } } | null;
          const result = executeGraphql(world, standIn.rate.graphql, body) as {
            body: { data: Record<string, Probed> };
          };
          for (const repo of Object.values(result.body.data))
            if (repo?.pullRequests)
              repo.pullRequests.nodes = [{ updatedAt: '2000-01-01T00:00:00Z' }];
          return Response.json(result.body);
        });
    });
    expect(
      (await collectGithubOnce(database.db, fixture, { now: () => new Date(now) })).error,
    ).toBeNull();
    const walkedEarly = await database.db
      .selectFrom('contribution as c')
      .innerJoin('git_commit as g', (j) =>
        j.onRef('g.repo_id', '=', 'c.repo_id').onRef('g.sha', '=', 'c.ref'),
      )
      .select('c.ref')
      .where('c.kind', '=', 'commit')
      .execute();
    const landed = new Set(
      world.repos.flatMap((r) =>
        r.commits.filter((c) => c.via === 'squash' || c.via === 'rebase').map((c) => c.sha),
      ),
    );
    expect(walkedEarly.filter((c) => landed.has(c.ref)).length).toBeGreaterThan(0);

    standIn.interceptors.splice(0);
    expect(
      (await collectGithubOnce(database.db, fixture, { now: () => new Date(now) })).error,
    ).toBeNull();
    const days = checkedDays(world);
    expect(await metricsByDay(days)).toEqual(truthByDay(world, days));
  });
});
