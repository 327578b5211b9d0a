import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCollection, type CollectionOptions } from '../../../collector/run.js';
import type { PackagesConfig } from '../../../config/packages.js';
import { listDailyLastPullCounts, listDownloadDays } from '../../../db/queries/packages.js';
import { findSyncState } from '../../../db/queries/sync-state.js';
import { servedDays } from '../../../demo/packages/pypi.js';
import { dailyCounts, lastServedDay, pullCountAt, shiftDay } from '../../../demo/packages/world.js';
import { readHealth } from '../../../server/health.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { dailyPulls } from '../../../server/kpi/downloads.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import {
  packagesConfig,
  startPackageStandIns,
  type PackageFixture,
} from '../../helpers/packages.js';

const T0 = '2026-11-01T12:00:00.000Z';
const PACKAGES: PackagesConfig = {
  npm: ['infragenius', '@infragenius/sdk'],
  pypi: ['infragenius-client', 'InfraGenius_CLI'],
  docker: ['infragenius/server'],
};

describe.each(DIALECTS)('package collectors on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: PackageFixture;
  const world = () => fixture.standIns.world;

  beforeAll(async () => {
    fixture = startPackageStandIns({
      now: T0,
      npm: PACKAGES.npm,
      pypi: ['infragenius-client', 'infragenius-cli'],
      docker: PACKAGES.docker,
      days: 1500,
    });
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  /** One pass at the stand-ins' clock, moved to `at` first. */
  async function pass(at: string, packages: Partial<PackagesConfig> = PACKAGES) {
    world().now = at;
    for (const s of [fixture.standIns.npm, fixture.standIns.pypi, fixture.standIns.docker])
      s.requests.length = 0;
    const options: CollectionOptions = {
      db: database.db,
      config: packagesConfig(packages),
      sources: ['packages'],
      now: () => new Date(at),
      packages: { http: { retryDelayMs: 1 }, pypiSpacingMs: 0 },
    };
    const [summary] = await runCollection(options);
    return summary!;
  }

  /** What the stand-ins serve now, as the collector should have stored it. */
  function npmTruth(name: string) {
    const spec = world().npm.find((p) => p.name === name)!;
    return dailyCounts(spec, spec.firstDay, lastServedDay(world())).map((d) => ({
      source: 'npm',
      package: name,
      ...d,
    }));
  }
  function pypiTruth(configured: string, served: string) {
    const spec = world().pypi.find((p) => p.name === served)!;
    return servedDays(spec, world()).map((d) => ({
      source: 'pypi',
      package: configured,
      day: d.date,
      downloads: d.downloads,
    }));
  }
  const stored = async (source: 'npm' | 'pypi', name: string) =>
    listDownloadDays(database.db, source, [name]);

  test('a backfill stores exactly what the stand-ins serve, in ranges of at most 18 months', async () => {
    const summary = await pass(T0);
    expect(summary.error).toBeNull();
    expect(summary.ok).toBe(true);
    for (const name of PACKAGES.npm) expect(await stored('npm', name)).toEqual(npmTruth(name));
    expect(await stored('pypi', 'infragenius-client')).toEqual(
      pypiTruth('infragenius-client', 'infragenius-client'),
    );
    // The configured spelling is kept; the statistics are asked for under the normalized name.
    expect(await stored('pypi', 'InfraGenius_CLI')).toEqual(
      pypiTruth('InfraGenius_CLI', 'infragenius-cli'),
    );
    expect(fixture.standIns.pypi.requests).toContain(
      '/api/packages/infragenius-cli/overall?mirrors=false',
    );
    const [snapshot] = await listDailyLastPullCounts(database.db);
    expect(snapshot).toEqual({
      repository: 'infragenius/server',
      day: '2026-11-01',
      pull_count: pullCountAt(world().docker[0]!, T0),
    });

    // npm: newest range first, each within npm's limit, back past the first download and no further.
    const ranges = fixture.standIns.npm.requests
      .filter((p) => p.endsWith('/infragenius'))
      .map((p) => p.split('/')[3]!.split(':') as [string, string]);
    expect(ranges[0]![1]).toBe('2026-10-31');
    for (const [start, end] of ranges) expect(monthsApart(start, end)).toBeLessThan(18);
    for (let i = 1; i < ranges.length; i++)
      expect(ranges[i]![1]).toBe(shiftDay(ranges[i - 1]![0], -1));
    const first = world().npm[0]!.firstDay;
    // The range holding the first download, then one without any, which ends the walk.
    expect(ranges.at(-2)![0] < first && ranges.at(-2)![1] >= first).toBe(true);
    expect(ranges.at(-1)![1] < first).toBe(true);
    expect(summary.requests).toBe(fixture.standIns.npm.requests.length + 2 + 1);
  });

  test('a second pass the same day asks npm and PyPI nothing, and takes a Docker snapshot', async () => {
    const summary = await pass('2026-11-01T13:00:00.000Z');
    expect(summary.ok).toBe(true);
    expect(fixture.standIns.npm.requests).toEqual([]);
    expect(fixture.standIns.pypi.requests).toEqual([]);
    expect(fixture.standIns.docker.requests).toEqual([
      '/v2/namespaces/infragenius/repositories/server',
    ]);
  });

  test('three days on, a pass asks only for the missing days and re-reads the newest stored', async () => {
    const at = '2026-11-04T12:00:00.000Z';
    const summary = await pass(at);
    expect(summary.ok).toBe(true);
    expect(fixture.standIns.npm.requests).toEqual([
      '/downloads/range/2026-10-30:2026-11-03/infragenius',
      '/downloads/range/2026-10-30:2026-11-03/@infragenius/sdk',
    ]);
    expect(fixture.standIns.pypi.requests).toHaveLength(2);
    for (const name of PACKAGES.npm) expect(await stored('npm', name)).toEqual(npmTruth(name));
    // Days that left PyPI's 180-day window stay stored; the window itself is as served now.
    const pypi = await stored('pypi', 'infragenius-client');
    const truth = pypiTruth('infragenius-client', 'infragenius-client');
    expect(pypi.slice(-truth.length)).toEqual(truth);
    expect(pypi.length).toBe(truth.length + 3);

    // Docker: the days between two snapshots share the rise, which matches the counter's.
    const pulls = dailyPulls(
      await listDailyLastPullCounts(database.db),
      '2026-11-02',
      '2026-11-04',
    );
    const spec = world().docker[0]!;
    const rise = pullCountAt(spec, at) - pullCountAt(spec, '2026-11-01T13:00:00.000Z');
    const points = pulls.get('infragenius/server')!;
    expect(points.reduce((n, p) => n + p.v!, 0)).toBe(rise);
    expect(pulls.get('all')).toEqual(points);
  });

  test('a failing source is reported in health while the rest of the pass goes on', async () => {
    fixture.standIns.npm.outage = { status: 503 };
    fixture.standIns.pypi.outage = { status: 429 };
    const at = '2026-11-05T12:00:00.000Z';
    const summary = await pass(at);
    fixture.standIns.npm.outage = null;
    fixture.standIns.pypi.outage = null;
    expect(summary.ok).toBe(false);
    expect(summary.error).toContain(
      'npm’s download-counts API answered 503 for infragenius; the next pass tries again.',
    );
    expect(summary.error).toContain('answered 503 for @infragenius/sdk');
    // Each npm package was tried (with retries); PyPI stopped at its first 429.
    expect(fixture.standIns.npm.requests).toHaveLength(6);
    expect(summary.error).toContain(
      'PyPI’s download-statistics API is rate-limiting this address (429) at infragenius-client; the rest of packages.pypi waits for the next pass.',
    );
    expect(fixture.standIns.pypi.requests.every((p) => p.includes('/infragenius-client/'))).toBe(
      true,
    );
    // Docker went on.
    expect(fixture.standIns.docker.requests).toHaveLength(1);
    const latest = await listDailyLastPullCounts(database.db);
    expect(latest.at(-1)).toMatchObject({ day: '2026-11-05' });
    expect((await findSyncState(database.db, 'npm_downloads', 'infragenius'))?.status).toBe(
      'failed',
    );

    const health = await readHealth(database, ['packages']);
    expect(health.status).toBe('degraded');
    expect(health.failing).toEqual([
      expect.objectContaining({ source: 'packages', lastFailedAt: at }),
    ]);
    expect(health.failing[0]!.error).toContain('npm’s download-counts API answered 503');

    // The next pass catches up what the failed one missed.
    const next = await pass('2026-11-05T13:00:00.000Z');
    expect(next.ok).toBe(true);
    for (const name of PACKAGES.npm) expect(await stored('npm', name)).toEqual(npmTruth(name));
    expect((await readHealth(database, ['packages'])).status).toBe('ok');
  });

  test('an unknown package is one clear line, and the others are collected', async () => {
    const summary = await pass('2026-11-06T12:00:00.000Z', {
      ...PACKAGES,
      npm: ['no-such-package', ...PACKAGES.npm],
      pypi: ['no-such-project', ...PACKAGES.pypi],
      docker: ['infragenius/nothing', ...PACKAGES.docker],
    });
    expect(summary.ok).toBe(false);
    expect(summary.error).toBe(
      'npm knows no package "no-such-package" (404); fix its name in packages.npm (scoped packages are written @scope/name). ' +
        'PyPI’s download statistics know no project "no-such-project" (404; a project without downloads in 180 days answers so too); fix packages.pypi. ' +
        'Docker Hub knows no public repository "infragenius/nothing" (404); fix packages.docker (official images are library/<name>).',
    );
    for (const name of PACKAGES.npm) expect(await stored('npm', name)).toEqual(npmTruth(name));
    expect((await findSyncState(database.db, 'npm_downloads', 'no-such-package'))?.status).toBe(
      'not_found',
    );
    // The known PyPI projects and Docker repository were read after the unknown ones.
    expect(fixture.standIns.pypi.requests.slice(1)).toEqual([
      '/api/packages/infragenius-client/overall?mirrors=false',
      '/api/packages/infragenius-cli/overall?mirrors=false',
    ]);
    expect(await stored('pypi', 'infragenius-client')).toEqual(
      expect.arrayContaining(pypiTruth('infragenius-client', 'infragenius-client')),
    );
    expect((await listDailyLastPullCounts(database.db)).at(-1)).toMatchObject({
      repository: 'infragenius/server',
      day: '2026-11-06',
    });
  });

  test('a newest day npm had counted only in part is corrected by the next day’s pass', async () => {
    fixture.standIns.npm.partialLatestDay = true;
    await pass('2026-11-07T12:00:00.000Z');
    fixture.standIns.npm.partialLatestDay = false;
    const partial = (await stored('npm', 'infragenius')).at(-1)!;
    const full = npmTruth('infragenius').at(-1)!;
    expect(partial.day).toBe('2026-11-06');
    expect(partial.downloads).toBe(Math.floor(full.downloads / 2));

    await pass('2026-11-08T12:00:00.000Z');
    expect(fixture.standIns.npm.requests[0]).toBe(
      '/downloads/range/2026-11-05:2026-11-07/infragenius',
    );
    expect(await stored('npm', 'infragenius')).toEqual(npmTruth('infragenius'));
  });

  test('the refresh turns the stored days into the download metrics', async () => {
    await refreshDailyMetrics(database.db, 'UTC', new Date('2026-11-08T12:00:00.000Z'));
    const value = async (metric: string, scope: string, day: string) =>
      (
        await database.db
          .selectFrom('daily_metric')
          .select('value')
          .where('metric', '=', metric)
          .where('scope', '=', scope)
          .where('day', '=', day)
          .executeTakeFirst()
      )?.value;
    const truth = (name: string) => npmTruth(name).find((d) => d.day === '2026-11-07')!.downloads;
    expect(await value('npm.downloads', 'infragenius', '2026-11-07')).toBe(truth('infragenius'));
    expect(await value('npm.downloads', 'all', '2026-11-07')).toBe(
      truth('infragenius') + truth('@infragenius/sdk'),
    );
    expect(await value('npm.downloads', 'all', '2026-11-08')).toBeNull();
    expect(await value('docker.pulls', 'infragenius/server', '2026-11-07')).toBeGreaterThan(0);
  });

  test('a source without its API root set says which variable to set', async () => {
    const [summary] = await runCollection({
      db: database.db,
      config: {
        ...packagesConfig({ npm: ['infragenius'] }),
        env: { npmDownloadsApiUrl: null } as CollectionOptions['config']['env'],
      },
      sources: ['packages'],
      now: () => new Date('2026-11-09T12:00:00.000Z'),
    });
    expect(summary!.error).toBe(
      'NPM_DOWNLOADS_API_URL is not set, so packages.npm is not collected; set it in .env to the root of npm’s download-counts API (README, "Package downloads").',
    );
  });
});

function monthsApart(start: string, end: string): number {
  const a = new Date(`${start}T00:00:00Z`);
  const b = new Date(`${end}T00:00:00Z`);
  return (
    (b.getUTCFullYear() - a.getUTCFullYear()) * 12 +
    b.getUTCMonth() -
    a.getUTCMonth() +
    (b.getUTCDate() - a.getUTCDate()) / 31
  );
}
