/**
 * The ratio metrics after a refresh of collected rows (on each dialect),
 * checked against figures computed from the stand-in's world.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contributorKey, emailKey } from '../../../collector/github/actors.js';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { forksNewestFirst } from '../../../demo/github/forks.js';
import { trueContributions } from '../../../demo/github/history.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

const NOW = '2026-11-01T00:00:00Z';
const DAY = 86_400_000;
const since = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString().slice(0, 10);

describe.each(DIALECTS)('ratio metrics from collected rows on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: GithubFixture;
  let latest: Map<string, number | null>;

  beforeAll(async () => {
    fixture = startGithubStandIn({
      repos: 2,
      stars: 900,
      pulls: 300,
      issues: 300,
      commits: 100,
      seed: 13,
      now: NOW,
    });
    database = await openTestDatabase(dialect);
    const summary = await collectGithubOnce(database.db, fixture, {
      backfill: true,
      now: () => new Date(NOW),
    });
    expect(summary.ok, summary.error ?? '').toBe(true);
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    latest = new Map();
    for (const metric of [
      'github.prs.acceptance_rate',
      'github.issues.closure_ratio',
      'github.forks.contributing_share',
    ])
      latest.set(metric, (await readDailySeries(database.db, metric, 'all')).at(-1)?.v ?? null);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  const world = () => fixture.standIn.world;
  const inWindow = (at: string | null) => at !== null && at.slice(0, 10) >= since(89);

  test('acceptance rate: merged ÷ (merged + closed unmerged) over the last 90 days', () => {
    const pulls = world()
      .repos.flatMap((r) => r.pulls)
      .filter((p) => p.author?.type !== 'Bot');
    const merged = pulls.filter((p) => inWindow(p.mergedAt)).length;
    const rejected = pulls.filter((p) => !p.mergedAt && inWindow(p.closedAt)).length;
    expect(merged + rejected).toBeGreaterThan(0);
    expect(latest.get('github.prs.acceptance_rate')).toBeCloseTo(merged / (merged + rejected), 12);
  });

  test('closure ratio: closed ÷ opened over the last 90 days', () => {
    const issues = world()
      .repos.flatMap((r) => r.issues)
      .filter((i) => i.author?.type !== 'Bot');
    const opened = issues.filter((i) => inWindow(i.createdAt)).length;
    const closed = issues.filter((i) => inWindow(i.closedAt)).length;
    expect(latest.get('github.issues.closure_ratio')).toBeCloseTo(closed / opened, 12);
  });

  test('contributing share: fork owners (people) with a contribution', () => {
    const contributors = new Set(
      world()
        .repos.flatMap(trueContributions)
        .map((c) => (c.login ? contributorKey(c.login) : emailKey(c.email!))),
    );
    const owners = new Set(
      world()
        .repos.flatMap(forksNewestFirst)
        .filter((f) => f.owner.type === 'User')
        .map((f) => f.owner.login.toLowerCase()),
    );
    const contributing = [...owners].filter((o) => contributors.has(o)).length;
    expect(contributing).toBeGreaterThan(0);
    expect(contributing).toBeLessThan(owners.size);
    expect(latest.get('github.forks.contributing_share')).toBeCloseTo(
      contributing / owners.size,
      12,
    );
  });
});
