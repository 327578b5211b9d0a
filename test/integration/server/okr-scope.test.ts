/**
 * Key results scoped to the team, to everyone else, and to some repositories: /api/okrs on a
 * collected stand-in world, checked against figures computed from the world itself.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KeyResult as KeyResultConfig, KeyResultScope, Team } from '../../../config/load.js';
import { contributorKey, emailKey } from '../../../collector/github/actors.js';
import { trueContributions } from '../../../demo/github/history.js';
import { fullName, type RepoData } from '../../../demo/github/world.js';
import { buildApp } from '../../../server/app.js';
import { evaluateOkrsOn } from '../../../server/metrics/read.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { percentile } from '../../../server/kpi/stats.js';
import type { KeyResult, OkrsResponse } from '../../../server/schemas/okrs.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = '2026-11-01T00:00:00Z';
const TODAY = '2026-11-01';
const DAY = 86_400_000;
const since = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString().slice(0, 10);

describe.each(DIALECTS)('scoped key results in /api/okrs on %s', (dialect) => {
  let database: OpenTestDatabase;
  let standIns: ReturnType<typeof startStandIns>;
  let app: FastifyInstance;
  let repos: RepoData[];
  let team: Team;
  const byId = new Map<string, KeyResult>();

  beforeAll(async () => {
    standIns = startStandIns(
      { repos: 2, stars: 600, pulls: 300, issues: 100, commits: 200, seed: 33, now: NOW },
      { members: 50, seed: 5, now: NOW },
    );
    repos = standIns.github.world.repos;
    // One person listed by login although no pull request of theirs says MEMBER.
    const listed = repos[0]!.pulls.find((p) => p.author?.type === 'User')!.author!.login;
    team = { logins: [listed.toLowerCase()], associations: ['OWNER', 'MEMBER'] };
    database = await openTestDatabase(dialect);
    await collectStandIns(database.db, standIns, new Date(NOW));
    const scoped = (
      id: string,
      metric: string,
      scope: Partial<KeyResultScope>,
      extra: Partial<KeyResultConfig> = {},
    ) =>
      keyResult(id, metric, 1_000_000, {
        ...extra,
        scope: { repos: null, contributors: null, team, timeZone: 'UTC', ...scope },
      });
    const [core, plugins] = repos.map(fullName) as [string, string];
    app = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      settings: {
        project: 'Test',
        timezone: 'UTC',
        adminToken: null,
        okrs: [
          {
            objective: 'Scoped',
            keyResults: [
              keyResult('active', 'github.contributors.active', 1_000_000),
              scoped('active-ext', 'github.contributors.active', { contributors: 'external' }),
              scoped('active-team', 'github.contributors.active', { contributors: 'team' }),
              scoped('all-ext', 'github.contributors', { contributors: 'external' }),
              scoped('both', 'github.contributors', { repos: [core, plugins.toUpperCase()] }),
              scoped('plugins-people', 'github.contributors', { repos: [plugins] }),
              scoped('plugins-ext-new', 'github.contributors.new', {
                repos: [plugins],
                contributors: 'external',
              }),
              scoped('plugins-stars', 'github.stars', { repos: [plugins] }),
              scoped('both-stars', 'github.stars', { repos: [core, plugins] }),
              scoped('both-merged', 'github.prs.merged', { repos: [core, plugins] }),
              scoped('plugins-merge', 'github.prs.merge_time.p50', { repos: [plugins] }),
              scoped('plugins-acceptance', 'github.prs.acceptance_rate', { repos: [plugins] }),
            ],
          },
        ],
      },
    });
    const body = (await app.inject('/api/okrs')).json() as OkrsResponse;
    for (const kr of body.objectives[0]!.keyResults) byId.set(kr.id, kr);
  });
  afterAll(async () => {
    await app?.close();
    standIns?.close();
    await database?.drop();
  });

  /** Contributions of the world's repos, keyed as stored, with team membership decided here. */
  function truth(of: RepoData[]) {
    const newest = new Map<string, { at: string; association: string }>();
    for (const pull of repos.flatMap((r) => r.pulls)) {
      if (pull.author?.type !== 'User') continue;
      const login = pull.author.login.toLowerCase();
      const known = newest.get(login);
      if (!known || pull.createdAt > known.at)
        newest.set(login, { at: pull.createdAt, association: pull.authorAssociation });
    }
    return of.flatMap(trueContributions).map((c) => {
      const key = c.login ? contributorKey(c.login) : emailKey(c.email!);
      const isTeam =
        c.login !== null &&
        (team.logins.includes(key) ||
          team.associations.includes(newest.get(key)?.association ?? ''));
      return { key, day: c.at.slice(0, 10), isTeam };
    });
  }
  const distinct = (items: { key: string }[]) => new Set(items.map((i) => i.key)).size;

  test('external and team split the active contributors, as the world says', () => {
    const recent = truth(repos).filter((c) => c.day >= since(89) && c.day <= TODAY);
    const external = distinct(recent.filter((c) => !c.isTeam));
    const ours = distinct(recent.filter((c) => c.isTeam));
    expect(external).toBeGreaterThan(0);
    expect(ours).toBeGreaterThan(0);
    expect(byId.get('active-ext')!.current).toBe(external);
    expect(byId.get('active-team')!.current).toBe(ours);
    expect(byId.get('active')!.current).toBe(external + ours);
    expect(byId.get('all-ext')!.current).toBe(distinct(truth(repos).filter((c) => !c.isTeam)));
  });

  test('contributors of several repositories count each person once', () => {
    const both = distinct(truth(repos));
    const plugins = distinct(truth([repos[1]!]));
    const core = distinct(truth([repos[0]!]));
    expect(core + plugins).toBeGreaterThan(both); // someone contributed to both
    expect(byId.get('both')!.current).toBe(both);
    expect(byId.get('plugins-people')!.current).toBe(plugins);
  });

  test('new external contributors of one repository over the last 7 days', () => {
    const first = new Map<string, string>();
    for (const c of truth([repos[1]!]).filter((c) => !c.isTeam))
      if (!first.has(c.key) || c.day < first.get(c.key)!) first.set(c.key, c.day);
    const expected = [...first.values()].filter((d) => d > since(7) && d <= TODAY).length;
    expect(byId.get('plugins-ext-new')!.current).toBe(expected);
    expect(byId.get('plugins-ext-new')!.status).not.toBe('no_data');
  });

  test('counts and levels of several repositories add up; one repository reads its own', () => {
    const [core, plugins] = repos as [RepoData, RepoData];
    expect(byId.get('plugins-stars')!.current).toBe(plugins.stars.length);
    expect(byId.get('both-stars')!.current).toBe(core.stars.length + plugins.stars.length);
    const merged = [core, plugins]
      .flatMap((r) => r.pulls)
      .filter((p) => p.author?.type !== 'Bot' && p.mergedAt && p.mergedAt.slice(0, 10) > since(7));
    expect(byId.get('both-merged')!.current).toBe(merged.length);
    const hours = plugins.pulls
      .filter((p) => p.author?.type !== 'Bot' && p.mergedAt && p.mergedAt.slice(0, 10) >= since(89))
      .map((p) => (Date.parse(p.mergedAt!) - Date.parse(p.createdAt)) / 3_600_000)
      .sort((a, b) => a - b);
    expect(byId.get('plugins-merge')!.current).toBeCloseTo(percentile(hours, 50)!, 6);
    const decided = plugins.pulls.filter((p) => {
      const at = p.mergedAt ?? p.closedAt;
      return p.author?.type !== 'Bot' && at !== null && at.slice(0, 10) >= since(89);
    });
    const accepted = decided.filter((p) => p.mergedAt).length;
    expect(byId.get('plugins-acceptance')!.current).toBeCloseTo(accepted / decided.length, 12);
  });

  test('a new contribution counts once the rollups are refreshed', async () => {
    const okrs = () =>
      evaluateOkrsOn(
        database.db,
        'Test',
        [
          {
            objective: 'o',
            keyResults: [
              keyResult('external', 'github.contributors.active', 1_000_000, {
                scope: { repos: null, contributors: 'external', team, timeZone: 'UTC' },
              }),
            ],
          },
        ],
        TODAY,
        new Date(NOW),
      ).then((r) => r.objectives[0]!.keyResults[0]!.current);
    const before = await okrs();
    expect(before).toBe(byId.get('active-ext')!.current);
    await database.db
      .insertInto('contribution')
      .values({
        repo_id: String(repos[0]!.id),
        kind: 'commit',
        ref: 'f'.repeat(40),
        contributor: 'newcomer-outside',
        at: '2026-10-31T12:00:00Z',
      })
      .execute();
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    expect(await okrs()).toBe(before! + 1);
  });
});
