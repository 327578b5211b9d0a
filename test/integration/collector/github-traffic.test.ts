/**
 * Traffic kept past GitHub's 14 days and release downloads, against the stand-in (which shows only
 * the last 14 days of a longer seeded truth, and download counts that grow): daily passes archive
 * every day, a backfill stores exactly what GitHub shows, an unchanged pass costs only 304s, a
 * refused token (no push access) leaves the rest of the pass going and is named by `collect` and
 * `doctor`, and a deleted asset never makes downloads negative. On SQLite and PostgreSQL.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { createGithubClient } from '../../../collector/github/client.js';
import { checkGithub } from '../../../collector/github/doctor.js';
import type { DatabaseHandle } from '../../../db/connect.js';
import { listAssetCounts, listReleases } from '../../../db/queries/releases.js';
import { listTopReferrers, listTrafficDays } from '../../../db/queries/traffic.js';
import { answerTraffic, shownDays, trafficSoFar } from '../../../demo/github/traffic.js';
import { listReleases as standInReleases, plannedReleases } from '../../../demo/github/releases.js';
import { fullName, iso, type RepoData, type WorldOptions } from '../../../demo/github/world.js';
import { addDays, dayRange } from '../../../shared/dates.js';
import { releaseDownloadSeries } from '../../../server/kpi/releases.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { DIALECTS, openTestDatabase } from '../../helpers/databases.js';
import {
  collectGithubOnce,
  GITHUB_TEST_URL,
  startGithubStandIn,
  type GithubFixture,
} from '../../helpers/github.js';

const WORLD: WorldOptions = { repos: 2, stars: 3000, pulls: 20, issues: 20, commits: 20, seed: 19 };
const DAY_MS = 86_400_000;
/** Ten hours into the world's present day: today's traffic is partial. */
const T0 = Date.parse('2026-11-01T10:00:00Z');
const TRAFFIC_ROUTES = [
  'GET /repos/:owner/:repo/traffic/:kind',
  'GET /repos/:owner/:repo/traffic/popular/referrers',
  'GET /repos/:owner/:repo/releases',
];

let cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function setup(dialect: (typeof DIALECTS)[number]) {
  const fixture = startGithubStandIn(WORLD);
  const database = await openTestDatabase(dialect);
  cleanups.push(
    () => fixture.close(),
    () => database.drop(),
  );
  const [core, plugins] = fixture.standIn.world.repos as [RepoData, RepoData];
  return { fixture, database, core, plugins };
}

/** One pass at `at`, with the stand-in's present there too. */
async function passAt(
  database: DatabaseHandle,
  fixture: GithubFixture,
  at: number,
  backfill = false,
  /** Where the stand-in's present is (its traffic and counts), when not at the pass. */
  standInNow = iso(at),
) {
  fixture.standIn.world.now = standInNow;
  fixture.standIn.resetStats();
  const summary = await collectGithubOnce(database.db, fixture, {
    backfill,
    now: () => new Date(at),
  });
  expect(summary.ok, summary.error ?? '').toBe(true);
  return summary;
}

/** Stored traffic of a repository and kind: day → [count, uniques]. */
async function stored(database: DatabaseHandle, repo: RepoData, kind: 'views' | 'clones') {
  const rows = await listTrafficDays(database.db);
  return new Map(
    rows
      .filter((r) => r.repo_id === String(repo.id) && r.kind === kind)
      .map((r) => [r.day, [r.count, r.uniques]]),
  );
}

/** What GitHub's traffic for `day` is at instant `now` (today: partial). */
function truth(repo: RepoData, kind: 'views' | 'clones', day: string, now: number) {
  const t = trafficSoFar(repo, day, iso(now));
  return kind === 'views' ? [t.views, t.viewers] : [t.clones, t.cloners];
}

/** The assets' total downloads the stand-in lists at `now`. */
function totalDownloads(fixture: GithubFixture, repo: RepoData, now: number): number {
  const releases = standInReleases(repo, iso(now), GITHUB_TEST_URL, fixture.standIn.releases, true);
  return (releases as { assets: { download_count: number }[] }[])
    .flatMap((r) => r.assets)
    .reduce((n, a) => n + a.download_count, 0);
}

describe.each(DIALECTS)('GitHub traffic and releases on %s', (dialect) => {
  test('20 daily passes against 14 shown days: all 20 days (and the first window) are kept', async () => {
    const { fixture, database, core, plugins } = await setup(dialect);
    const days = Array.from({ length: 20 }, (_, i) => T0 + i * DAY_MS);
    for (const at of days) await passAt(database, fixture, at, at === T0);
    const last = days.at(-1)!;
    const today = iso(last).slice(0, 10);
    // The stand-in shows 15 days at most (today and the 14 before), never the 34 kept here.
    const shown = answerTraffic(core, 'views', iso(last), 'day').body as { views: unknown[] };
    expect(shown.views.length).toBeLessThanOrEqual(15);
    const first = addDays(iso(T0).slice(0, 10), -14);
    for (const repo of [core, plugins]) {
      for (const kind of ['views', 'clones'] as const) {
        const kept = await stored(database, repo, kind);
        for (const day of dayRange(first, today)) {
          // Each day as the last pass that showed it saw it: whole, except today (partial).
          const seenAt = Math.min(last, Math.max(Date.parse(`${day}T00:00:00Z`) + DAY_MS, T0));
          const seenLast = days.filter((d) => d <= seenAt + DAY_MS).at(-1)!;
          expect(kept.get(day), `${fullName(repo)} ${kind} ${day}`).toEqual(
            truth(repo, kind, day, seenLast),
          );
        }
      }
    }
    // Through the metric registry and the rollups, as the API serves them.
    await refreshDailyMetrics(database.db, 'UTC', new Date(last));
    const all = await readDailySeries(database.db, 'github.traffic.views', 'all');
    // The 20 days of passes and the 14 shown before the first one.
    expect(all).toHaveLength(34);
    expect(all.every((p) => p.v !== null)).toBe(true);
    expect(all.at(-1)!.v).toBe(
      truth(core, 'views', today, last)[0]! + truth(plugins, 'views', today, last)[0]!,
    );

    // Release downloads per day: the growth of the listed counts between consecutive daily reads.
    const mine = await readDailySeries(database.db, 'github.releases.downloads', String(core.id));
    expect(mine[0]).toEqual({ t: iso(T0).slice(0, 10), v: null });
    for (let i = 1; i < days.length; i++)
      expect(mine[i]!.v, mine[i]!.t).toBe(
        totalDownloads(fixture, core, days[i]!) - totalDownloads(fixture, core, days[i - 1]!),
      );
    expect(mine.slice(1).reduce((n, p) => n + p.v!, 0)).toBeGreaterThan(0);
    // The releases published in those days are stored with their tags, for chart markers.
    const published = plannedReleases(core)
      .filter((r) => r.at <= last)
      .map((r) => r.tag);
    const markers = (await listReleases(database.db, String(core.id))).map((r) => r.tag);
    expect(markers.sort()).toEqual([...published].sort());
  });

  test('a backfill stores exactly what GitHub shows; an unchanged pass costs only 304s', async () => {
    const { fixture, database, core } = await setup(dialect);
    await passAt(database, fixture, T0, true);
    for (const kind of ['views', 'clones'] as const) {
      const kept = await stored(database, core, kind);
      const expected = new Map(
        shownDays(iso(T0))
          .map((day) => [day, truth(core, kind, day, T0)] as const)
          // The oldest shown day is only known when GitHub lists it (it lists days with traffic).
          .filter(([day, v], i) => i > 0 || v[0]! > 0 || kept.has(day)),
      );
      expect(kept).toEqual(expected);
    }
    const counts = await listAssetCounts(database.db);
    const listed = standInReleases(
      core,
      iso(T0),
      GITHUB_TEST_URL,
      fixture.standIn.releases,
      true,
    ) as {
      assets: { id: number; download_count: number }[];
    }[];
    const assets = listed.flatMap((r) => r.assets);
    expect(assets.length).toBeGreaterThan(20);
    expect(
      new Map(
        counts.filter((c) => c.repo_id === String(core.id)).map((c) => [c.asset_id, c.downloads]),
      ),
    ).toEqual(new Map(assets.map((a) => [String(a.id), a.download_count])));
    const referrers = await listTopReferrers(database.db, String(core.id), iso(T0).slice(0, 10));
    expect(referrers.length).toBe(10);
    expect(referrers[0]!.count).toBeGreaterThanOrEqual(referrers[9]!.count);

    // Minutes later: traffic and releases are not asked again.
    await passAt(database, fixture, T0 + 60_000, false, iso(T0));
    expect(TRAFFIC_ROUTES.map((r) => fixture.standIn.stats.routes[r])).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    // Hours later, when GitHub's numbers have not moved: asked with ETags, every answer a 304.
    await passAt(database, fixture, T0 + 7 * 3_600_000, false, iso(T0));
    const stats = fixture.standIn.stats;
    expect(TRAFFIC_ROUTES.map((r) => stats.routes[r])).toEqual([4, 2, 2]);
    expect(stats.rest).toBe(stats.notModified);
  });

  test('no push access: the rest of the pass goes on, collect and doctor say why', async () => {
    const { fixture, database, core, plugins } = await setup(dialect);
    fixture.standIn.noPushAccess.add(fullName(core).toLowerCase());
    const summary = await passAt(database, fixture, T0, true);
    const note = summary.notes.find((n) => n.includes('traffic'));
    expect(note).toContain(fullName(core));
    expect(note).toMatch(/push access/);
    // Recorded with the run, where /api/runs and the Collection page show it.
    const run = await database.db
      .selectFrom('collection_run')
      .select('detail')
      .where('id', '=', summary.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(run.detail!).notes).toContain(note);
    // And as a blocker for the health banner: the token lacks push access to that repository.
    const blocker = { kind: 'github-traffic', repo: fullName(core) };
    expect(JSON.parse(run.detail!).blockers).toEqual([blocker]);
    expect((await stored(database, core, 'views')).size).toBe(0);
    expect((await stored(database, plugins, 'views')).size).toBeGreaterThanOrEqual(14);
    // Releases, stars and the rest of the repository were collected all the same.
    const counts = await listAssetCounts(database.db);
    expect(counts.some((c) => c.repo_id === String(core.id))).toBe(true);
    const repoRows = await database.db.selectFrom('repo_snapshot').selectAll().execute();
    expect(repoRows.length).toBe(2);
    // The refusal is not asked again the same day; the note stays.
    const again = await passAt(database, fixture, T0 + 7 * 3_600_000);
    expect(again.notes).toContain(note);
    expect(again.blockers).toEqual([blocker]);
    expect(fixture.standIn.stats.routes['GET /repos/:owner/:repo/traffic/:kind']).toBe(2); // the other repository's views and clones

    const client = createGithubClient({
      token: 'test-token-not-real',
      baseUrl: GITHUB_TEST_URL,
      backfill: false,
    });
    const checks = await checkGithub(client, [fullName(core), fullName(plugins)]);
    const traffic = checks.filter((c) => c.what.startsWith('traffic'));
    expect(traffic.map((c) => [c.what, c.status])).toEqual([
      [`traffic ${fullName(core)}`, 'warn'],
      [`traffic ${fullName(plugins)}`, 'ok'],
    ]);
    expect(traffic[0]!.detail).toMatch(/push access.*Administration/);
  });

  test('a deleted asset never makes downloads negative', async () => {
    const { fixture, database, core } = await setup(dialect);
    await passAt(database, fixture, T0, true);
    const listed = standInReleases(core, iso(T0), GITHUB_TEST_URL, fixture.standIn.releases, true);
    const biggest = (listed as { assets: { id: number; download_count: number }[] }[])
      .flatMap((r) => r.assets)
      .reduce((a, b) => (b.download_count > a.download_count ? b : a));
    fixture.standIn.releases.deletedAssets.add(biggest.id);
    await passAt(database, fixture, T0 + DAY_MS);
    const today = iso(T0 + DAY_MS).slice(0, 10);
    const downloads = releaseDownloadSeries(await listAssetCounts(database.db), today);
    const day2 = downloads.find((s) => s.scope === String(core.id))!.points[1]!.v!;
    expect(day2).toBeGreaterThan(0);
    // Both totals without the deleted asset: its downloads are neither lost again nor negative...
    expect(day2).toBe(
      totalDownloads(fixture, core, T0 + DAY_MS) - totalDownloads(fixture, core, T0),
    );
    // ...where the difference of the listed totals would be.
    const everything = { deletedAssets: new Set<number>() };
    const before = standInReleases(core, iso(T0), GITHUB_TEST_URL, everything, true) as {
      assets: { download_count: number }[];
    }[];
    const totalBefore = before.flatMap((r) => r.assets).reduce((n, a) => n + a.download_count, 0);
    expect(totalDownloads(fixture, core, T0 + DAY_MS) - totalBefore).toBeLessThan(0);
  });
});
