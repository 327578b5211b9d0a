/**
 * examples/strategy.yaml, the shipped example of every key-result form, evaluated on a collected
 * stand-in community named like the demo's: every key result gets a status, none waits for data.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig, type Config } from '../../../config/load.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { DEMO_PACKAGES } from '../../../demo/packages/serve.js';
import { dailyCounts, type PackageWorld } from '../../../demo/packages/world.js';
import { buildApp } from '../../../server/app.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import type { MetricsResponse } from '../../../server/schemas/metrics.js';
import type { OkrsResponse } from '../../../server/schemas/okrs.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const EXAMPLES = fileURLToPath(new URL('../../../examples/', import.meta.url));

describe.each(DIALECTS)('examples/strategy.yaml on %s', (dialect) => {
  let database: OpenTestDatabase;
  let config: Readonly<Config>;
  let okrs: OkrsResponse;
  let metrics: MetricsResponse;
  let standInWorld: PackageWorld;

  beforeAll(async () => {
    config = loadConfig({ cwd: EXAMPLES, file: 'strategy.yaml', env: {} });
    const standIns = startStandIns(
      {
        repos: 3,
        stars: 1500,
        pulls: 600,
        issues: 600,
        commits: 300,
        seed: 4,
        now: NOW.toISOString(),
      },
      { members: 1200, seed: 4, now: NOW.toISOString() },
      { ...DEMO_PACKAGES, now: NOW.toISOString(), days: 1100 },
    );
    standInWorld = standIns.packages!.world;
    database = await openTestDatabase(dialect);
    try {
      await collectStandIns(database.db, standIns, NOW);
    } finally {
      standIns.close();
    }
    for (const [metric, at, value] of [
      ['manual.arr', '2026-03-01', 120_000],
      ['manual.arr', '2026-10-01', 180_000],
      ['manual.nps', '2026-06-01', 31],
    ] as const)
      await upsertManualValue(database.db, {
        metric,
        at,
        value,
        recorded_at: NOW.toISOString(),
        source: 'cli',
      });
    await refreshDailyMetrics(database.db, config.timezone, NOW);
    const app = await buildApp({
      database,
      webRoot: null,
      now: () => NOW,
      settings: {
        project: config.project,
        timezone: config.timezone,
        okrs: config.okrs,
        adminToken: null,
      },
    });
    okrs = (await app.inject('/api/okrs')).json() as OkrsResponse;
    metrics = (await app.inject('/api/metrics')).json() as MetricsResponse;
    await app.close();
  }, 240_000);
  afterAll(async () => {
    await database?.drop();
  });

  test('the stand-in names its repositories and guild as the example does', () => {
    expect(config.github?.repos).toEqual([
      'infragenius/core',
      'infragenius/plugins',
      'infragenius/docs',
    ]);
    expect(config.packages).toEqual(DEMO_PACKAGES);
  });

  test('every key result in it is evaluated: none is left waiting for data', () => {
    const krs = okrs.objectives.flatMap((o) => o.keyResults);
    expect(krs.map((k) => k.id)).toEqual(config.okrs.flatMap((o) => o.keyResults.map((k) => k.id)));
    for (const kr of krs) {
      expect(kr.status, kr.id).not.toBe('no_data');
      expect(kr.current, kr.id).not.toBeNull();
    }
  });

  test('each form reads what it says', () => {
    const kr = (id: string) =>
      okrs.objectives.flatMap((o) => o.keyResults).find((k) => k.id === id)!;
    expect(kr('contributions').periods?.per).toBe('month');
    expect(kr('plugins-stars').current!).toBeLessThan(kr('stars-12k').current!);
    const active = metrics.find((m) => m.id === 'github.contributors.active')!.current!;
    expect(kr('external').current!).toBeGreaterThan(0);
    expect(kr('external').current!).toBeLessThan(active);
    expect(kr('fork-conversion').unit).toBe('ratio');
    expect(kr('fork-conversion').current!).toBeGreaterThan(0);
    expect(kr('fork-conversion').current!).toBeLessThanOrEqual(1);
    expect(kr('arr').current).toBe(180_000);
    // Downloads per month: October's total of both npm packages, November so far.
    const downloads = kr('downloads-monthly');
    expect(downloads.periods?.per).toBe('month');
    const october = standInWorld.npm
      .flatMap((spec) => dailyCounts(spec, '2026-10-01', '2026-10-31'))
      .reduce((n, d) => n + d.downloads, 0);
    expect(downloads.periods?.last).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(downloads.current).toBe(october);
  });
});
