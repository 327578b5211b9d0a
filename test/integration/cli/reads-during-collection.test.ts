/**
 * The dashboard keeps answering while another process backfills into the same database (WAL on
 * SQLite, MVCC on PostgreSQL): no read fails or waits out the collection, the collection is not
 * held up by the reads, and reads a second later see the new data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { createGithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName, type World } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { buildApp } from '../../../server/app.js';
import type { OkrsResponse } from '../../../server/schemas/okrs.js';
import { collect, runCli, startCli } from '../../helpers/cli.js';
import {
  createTestDatabase,
  DIALECTS,
  pulseboardDb,
  type TestDatabase,
} from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';

const ROUTES = [
  '/api/okrs',
  '/api/metrics',
  '/api/health',
  '/api/runs',
  '/api/metrics/github.stars/series?from=2025-01-01',
];

let world: World;
let server: RunningServer;
beforeAll(async () => {
  const standIn = createGithubStandIn(
    createWorld({ repos: 1, stars: 1200, pulls: 400, issues: 400, commits: 200, seed: 5 }),
  );
  world = standIn.world;
  server = await serveHandler((request) => standIn.handle(request));
});
afterAll(() => server?.close());

describe.each(DIALECTS)('API reads during a collection on %s', (dialect) => {
  let testDb: TestDatabase;
  let cwd: string;
  afterAll(async () => {
    await testDb?.drop();
    if (cwd) rmSync(cwd, { recursive: true, force: true });
  });

  test('every read answers 200 while a backfill writes, and then sees its data', async () => {
    testDb = await createTestDatabase(dialect);
    cwd = mkdtempSync(join(tmpdir(), 'pulseboard-reads-'));
    expect((await runCli(['init', '--repo', fullName(world.repos[0]!)], { cwd })).code).toBe(0);
    const { location } = testDb;
    const reader = await openDatabase(location);
    await migrateToLatest(reader.db);
    const app = await buildApp({
      database: reader,
      webRoot: null,
      rateLimitPerMinute: false, // this test is the busiest client there is
      settings: {
        project: 'Reads',
        timezone: 'UTC',
        okrs: [{ objective: 'o', keyResults: [keyResult('stars', 'github.stars', 10_000)] }],
        adminToken: null,
      },
    });
    const stars = async () =>
      (app.inject('/api/okrs').then((r) => r.json()) as Promise<OkrsResponse>).then(
        (okrs) => okrs.objectives[0]!.keyResults[0]!.current,
      );
    try {
      expect(await stars()).toBe(null);
      const child = startCli(['collect', '--backfill'], {
        cwd,
        env: {
          GITHUB_API_URL: server.url,
          GITHUB_TOKEN: 'test-token-not-real',
          PULSEBOARD_DB: pulseboardDb(location),
        },
      });
      let running = true;
      const done = collect(child).finally(() => (running = false));
      const statuses: Record<string, number> = {};
      let reads = 0;
      let slowest = 0;
      while (running) {
        for (const route of ROUTES) {
          const started = performance.now();
          const response = await app.inject(route);
          slowest = Math.max(slowest, performance.now() - started);
          reads++;
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          if (response.statusCode !== 200) throw new Error(`${route}: ${response.body}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const result = await done;
      expect(result.code, result.stderr).toBe(0);
      expect(statuses).toEqual({ 200: reads });
      expect(reads).toBeGreaterThanOrEqual(2 * ROUTES.length); // the reads really overlapped
      // No read waited for the collection to finish (SQLite's busy timeout is 5 s).
      expect(slowest).toBeLessThan(4000);
      // Each process checks the rollup version at most once a second.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await stars()).toBe(world.repos[0]!.stars.length);
    } finally {
      await app.close();
      await reader.close();
    }
  });
});
