import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../../config/load.js';
import { currentMembers } from '../../../demo/discord/stand-in.js';
import { contributorKey, emailKey } from '../../../collector/github/actors.js';
import { trueContributions } from '../../../demo/github/history.js';
import { plannedReleases } from '../../../demo/github/releases.js';
import { fullName } from '../../../demo/github/world.js';
import { buildApp } from '../../../server/app.js';
import { percentile } from '../../../server/kpi/stats.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import type { MetricsResponse } from '../../../server/schemas/metrics.js';
import type { KeyResult, OkrsResponse } from '../../../server/schemas/okrs.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = '2026-11-01T00:00:00Z';
const kr = keyResult;
const OKRS: Objective[] = [
  {
    objective: 'Build community',
    keyResults: [
      kr('stars', 'github.stars', 2000),
      kr('contributors', 'github.contributors', 200),
      kr('discord', 'discord.members', 5000),
      kr('prs', 'github.prs.opened', 10),
    ],
  },
  {
    objective: 'Healthy engagement',
    keyResults: [
      kr('merge', 'github.prs.merge_time.p50', 168, {
        direction: 'at_most',
        start: null,
        deadline: null,
        unit: 'hours',
      }),
      kr('response', 'github.issues.first_response.p50', 24, {
        direction: 'at_most',
        start: null,
        deadline: null,
        unit: 'hours',
      }),
    ],
  },
];

const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;
const DAY = 86_400_000;

describe.each(DIALECTS)('KPI API on %s', (dialect) => {
  let database: OpenTestDatabase;
  let standIns: ReturnType<typeof startStandIns>;
  let app: FastifyInstance;

  beforeAll(async () => {
    standIns = startStandIns(
      { repos: 2, stars: 900, pulls: 300, issues: 400, commits: 300, seed: 21, now: NOW },
      { members: 1500, seed: 5, now: NOW },
    );
    database = await openTestDatabase(dialect);
    const summaries = await collectStandIns(database.db, standIns, new Date(NOW));
    expect(summaries.map((s) => s.ok)).toEqual([true, true]);
    app = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      settings: {
        project: 'Test',
        timezone: 'UTC',
        okrs: OKRS,
        adminToken: 'admin-secret-for-tests',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    standIns?.close();
    await database?.drop();
  });

  test('/api/okrs current values equal figures computed from the stand-ins’ truth', async () => {
    const body = (await app.inject('/api/okrs')).json() as OkrsResponse;
    const byId = new Map<string, KeyResult>(
      body.objectives.flatMap((o) => o.keyResults.map((k) => [k.id, k] as const)),
    );
    const world = standIns.github.world;

    expect(byId.get('stars')!.current).toBe(world.repos.reduce((n, r) => n + r.stars.length, 0));
    expect(byId.get('discord')!.current).toBe(currentMembers(standIns.discord.guild).length);

    const contributors = new Set(
      world.repos
        .flatMap(trueContributions)
        .map((c) => (c.login ? contributorKey(c.login) : emailKey(c.email!))),
    );
    expect(byId.get('contributors')!.current).toBe(contributors.size);

    const since = (days: number) =>
      new Date(Date.parse(NOW) - days * DAY).toISOString().slice(0, 10);
    const window = since(89); // the 90 days ending today
    const pulls = world.repos.flatMap((r) => r.pulls).filter((p) => p.author?.type !== 'Bot');
    const mergeHours = pulls
      .filter((p) => p.mergedAt && p.mergedAt.slice(0, 10) >= window)
      .map((p) => hoursBetween(p.createdAt, p.mergedAt!))
      .sort((a, b) => a - b);
    expect(byId.get('merge')!.current).toBeCloseTo(percentile(mergeHours, 50)!, 6);

    const responseHours = world.repos
      .flatMap((r) => r.issues)
      .filter(
        (i) =>
          i.author?.type !== 'Bot' && i.createdAt.slice(0, 10) >= window && i.truth.firstResponseAt,
      )
      .map((i) => hoursBetween(i.createdAt, i.truth.firstResponseAt!))
      .sort((a, b) => a - b);
    expect(byId.get('response')!.current).toBeCloseTo(percentile(responseHours, 50)!, 6);

    const lastWeek = pulls.filter((p) => p.createdAt.slice(0, 10) > since(7)).length;
    expect(byId.get('prs')!.current).toBe(lastWeek);

    for (const k of byId.values()) {
      expect(['achieved', 'missed', 'on_track', 'at_risk', 'off_track', 'no_data']).toContain(
        k.status,
      );
      expect(k.recent.length).toBeGreaterThan(0);
    }
    expect(byId.get('merge')!.forecast).toBeNull(); // a standing target
  });

  test('series by day, week and month, for all repositories or one', async () => {
    const world = standIns.github.world;
    const days = (
      await app.inject('/api/metrics/github.stars/series?from=2026-10-01&to=2026-11-01')
    ).json();
    expect(days.points).toHaveLength(32);
    expect(days.points.at(-1).v).toBe(world.repos.reduce((n, r) => n + r.stars.length, 0));
    const months = (
      await app.inject(
        '/api/metrics/github.prs.opened/series?from=2026-01-01&to=2026-10-31&interval=month',
      )
    ).json();
    expect(months.points).toHaveLength(10);
    const opened = world.repos
      .flatMap((r) => r.pulls)
      .filter((p) => p.author?.type !== 'Bot' && p.createdAt.startsWith('2026-03'));
    expect(months.points.find((p: { t: string }) => p.t === '2026-03-01').v).toBe(opened.length);
    const repo = world.repos[1]!;
    const one = (
      await app.inject(`/api/metrics/github.stars/series?from=2026-11-01&repo=${fullName(repo)}`)
    ).json();
    expect(one.points).toEqual([{ t: '2026-11-01', v: repo.stars.length }]);
  });

  test('a series carries the release markers of its range: all repositories, or the one asked for', async () => {
    const world = standIns.github.world;
    const published = (r: (typeof world.repos)[number]) =>
      plannedReleases(r)
        .filter((p) => p.at <= Date.parse(NOW))
        .map((p) => ({
          repo: fullName(r),
          tag: p.tag,
          day: new Date(p.at).toISOString().slice(0, 10),
        }))
        .filter((m) => m.day >= '2026-01-01');
    const all = (await app.inject('/api/metrics/github.stars/series?from=2026-01-01')).json();
    const expected = world.repos.flatMap(published);
    expect(expected.length).toBeGreaterThan(10);
    expect(new Set(all.releases.map((m: object) => JSON.stringify(m)))).toEqual(
      new Set(expected.map((m) => JSON.stringify(m))),
    );
    const days = all.releases.map((m: { day: string }) => m.day);
    expect(days).toEqual([...days].sort());
    const repo = world.repos[1]!;
    const one = (
      await app.inject(
        `/api/metrics/github.prs.opened/series?from=2026-01-01&repo=${fullName(repo)}`,
      )
    ).json();
    expect(one.releases).toEqual(
      all.releases.filter((m: { repo: string }) => m.repo === fullName(repo)),
    );
  });

  test('/api/metrics lists every metric with data, with its changes', async () => {
    const metrics = (await app.inject('/api/metrics')).json() as {
      id: string;
      current: number | null;
    }[];
    const ids = metrics.map((m) => m.id);
    for (const id of [
      'github.stars',
      'github.forks',
      'github.contributors',
      'github.bus_factor',
      'discord.members',
      'discord.joins',
    ]) {
      expect(ids).toContain(id);
    }
  });

  test.each([
    ['/api/metrics/github.stars/series?from=2026-13-01', 'from'],
    ['/api/metrics/github.stars/series?from=2026-05-01&to=2026-04-01', 'after to'],
    ['/api/metrics/github.nope/series', 'Unknown metric'],
    ['/api/metrics/github.stars/series?from=2000-01-01&to=2026-01-01', 'longer than'],
    ['/api/metrics/github.stars/series?from=1900-01-01', '2000-01-01'],
    ['/api/metrics/github.stars/series?interval=hour', 'interval'],
    ['/api/metrics/github.stars/series?repo=not-a-repo', 'repo'],
    ['/api/metrics/github.stars/series?repo=nobody/nothing', 'No tracked repository'],
    ['/api/metrics/discord.members/series?repo=a/b', 'github.* metrics only'],
    ['/api/metrics/github.stars/series?color=blue', 'color'],
    ['/api/runs?limit=0', 'limit'],
  ])('%s → 400 naming the problem', async (url, fragment) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(400);
    const body = response.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toContain(fragment);
  });

  test('manual values: admin only, recorded, then in the series', async () => {
    const post = (headers: Record<string, string>, payload: unknown, id = 'manual.arr') =>
      app.inject({
        method: 'POST',
        url: `/api/metrics/${id}`,
        headers,
        payload: payload as object,
      });
    expect((await post({}, { value: 1 })).statusCode).toBe(401);
    expect((await post({ authorization: 'Bearer wrong' }, { value: 1 })).statusCode).toBe(401);
    const auth = { authorization: 'Bearer admin-secret-for-tests' };
    expect((await post(auth, { value: 1 }, 'github.stars')).json().error.message).toContain(
      'Only manual.<name>',
    );
    expect((await post(auth, { value: 'lots' })).statusCode).toBe(400);
    const ok = await post(auth, { value: 125000, at: '2026-10-01' });
    expect(ok.statusCode).toBe(201);
    const series = (await app.inject('/api/metrics/manual.arr/series?from=2026-10-30')).json();
    expect(series.points).toEqual([
      { t: '2026-10-30', v: 125000 },
      { t: '2026-10-31', v: 125000 },
      { t: '2026-11-01', v: 125000 },
    ]);
    expect(series).toMatchObject({ label: 'Annual recurring revenue', unit: 'count' });
    // With a key result tracking it, named as that key result names it, on the series and the
    // Metrics page alike.
    const named = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      settings: {
        project: 'Test',
        timezone: 'UTC',
        adminToken: null,
        okrs: [
          ...OKRS,
          {
            objective: 'Business',
            keyResults: [kr('arr', 'manual.arr', 250000, { label: 'ARR', unit: 'USD' })],
          },
        ],
      },
    });
    const labelled = (await named.inject('/api/metrics/manual.arr/series?from=2026-10-30')).json();
    expect(labelled).toMatchObject({ label: 'ARR', unit: 'USD' });
    const metrics = (await named.inject('/api/metrics')).json() as MetricsResponse;
    expect(metrics.find((m) => m.id === 'manual.arr')).toMatchObject({ label: 'ARR', unit: 'USD' });
    await named.close();
  });

  test('answers are cached until the rollups change, even when another process refreshes them', async () => {
    const before = (await app.inject('/api/metrics')).json() as {
      id: string;
      current: number | null;
    }[];
    expect(before.find((m) => m.id === 'manual.nps')).toBeUndefined();
    // Another process records a value and refreshes the rollups: this app must see it.
    await database.db
      .insertInto('manual_value')
      .values({
        metric: 'manual.nps',
        at: '2026-10-15',
        value: 42,
        recorded_at: NOW,
        source: 'cli',
      })
      .execute();
    const cached = (await app.inject('/api/metrics')).json() as { id: string }[];
    expect(cached.find((m) => m.id === 'manual.nps')).toBeUndefined(); // not refreshed yet: same answer
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the version is read at most once a second
    const after = (await app.inject('/api/metrics')).json() as {
      id: string;
      current: number | null;
    }[];
    expect(after.find((m) => m.id === 'manual.nps')?.current).toBe(42);
  });

  test('/api/runs lists the collection runs', async () => {
    const runs = (await app.inject('/api/runs')).json() as { source: string; ok: boolean }[];
    expect(runs.map((r) => r.source).sort()).toEqual(['discord', 'github']);
    expect(runs.every((r) => r.ok)).toBe(true);
  });
});

describe('admin routes', () => {
  test('without PULSEBOARD_ADMIN_TOKEN they are off; POST /api/collect answers 202, then 409 while running', async () => {
    const database = await openTestDatabase('sqlite');
    let busy = false;
    const off = await buildApp({ database, webRoot: null });
    const on = await buildApp({
      database,
      webRoot: null,
      settings: { project: 'x', timezone: 'UTC', okrs: [], adminToken: 't0k3n' },
      collect: async () => {
        if (busy) return 'busy';
        busy = true;
        return 'started';
      },
    });
    try {
      const offResponse = await off.inject({
        method: 'POST',
        url: '/api/collect',
        headers: { authorization: 'Bearer t0k3n' },
      });
      expect(offResponse.statusCode).toBe(403);
      expect(offResponse.json().error.message).toContain('PULSEBOARD_ADMIN_TOKEN');
      const first = await on.inject({
        method: 'POST',
        url: '/api/collect',
        headers: { authorization: 'Bearer t0k3n' },
      });
      expect(first.statusCode).toBe(202);
      const second = await on.inject({
        method: 'POST',
        url: '/api/collect',
        headers: { authorization: 'Bearer t0k3n' },
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('conflict');
    } finally {
      await off.close();
      await on.close();
      await database.drop();
    }
  });
});
