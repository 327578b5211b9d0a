import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../../config/load.js';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { copyDatabase, countRows } from '../../../db/copy.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { buildApp } from '../../../server/app.js';
import { collect, runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = new Date('2026-11-01T00:00:00Z');
const OKRS: Objective[] = [
  {
    objective: 'Grow',
    keyResults: [
      'github.stars',
      'github.contributors.active',
      'github.prs.merge_time.p90',
      'github.bus_factor',
      'discord.members',
      'github.issues.opened',
    ].map((metric, i) => ({
      id: `kr${i}`,
      objective: 'Grow',
      metric,
      label: metric,
      unit: 'count',
      direction: 'at_least' as const,
      target: 5000,
      baseline: null,
      start: '2026-01-01',
      deadline: '2026-12-31',
    })),
  },
];

describe('SQLite → PostgreSQL', () => {
  let sqliteDb: TestDatabase;
  let pgDb: TestDatabase;
  let sqlite: DatabaseHandle;
  let postgres: DatabaseHandle;

  beforeAll(async () => {
    const standIns = startStandIns(
      {
        repos: 2,
        stars: 500,
        pulls: 150,
        issues: 150,
        commits: 120,
        seed: 44,
        now: NOW.toISOString(),
      },
      { members: 400, seed: 44, now: NOW.toISOString() },
    );
    sqliteDb = await createTestDatabase('sqlite');
    pgDb = await createTestDatabase('postgres');
    sqlite = await openDatabase(sqliteDb.location);
    postgres = await openDatabase(pgDb.location);
    await migrateToLatest(sqlite.db);
    await collectStandIns(sqlite.db, standIns, NOW);
    standIns.close();
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
    await sqliteDb?.drop();
    await pgDb?.drop();
  });

  test('db copy moves every row, and both databases answer the API identically', async () => {
    const counts = await copyDatabase(sqlite.db, postgres.db);
    expect(counts).toEqual(await countRows(sqlite.db));
    // The stars came as star-history days: all 500 of them, copied.
    const copied = await postgres.db
      .selectFrom('star_day')
      .select((eb) => eb.fn.sum<string>('stars').as('stars'))
      .executeTakeFirstOrThrow();
    expect(Number(copied.stars)).toBe(500);
    expect(counts.star_day).toBeGreaterThan(0);

    const settings = { project: 'P', timezone: 'UTC', okrs: OKRS, adminToken: null };
    const apps = await Promise.all(
      [sqlite, postgres].map((database) =>
        buildApp({ database, webRoot: null, now: () => NOW, settings }),
      ),
    );
    try {
      for (const url of [
        '/api/okrs',
        '/api/metrics',
        '/api/metrics/github.prs.merge_time.p50/series?from=2026-06-01&interval=week',
        '/api/report.csv',
      ]) {
        const [a, b] = await Promise.all(apps.map((app) => app.inject(url)));
        expect(a!.statusCode).toBe(200);
        expect(b!.body, url).toBe(a!.body);
      }
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  test('copying into a database that holds data is refused', async () => {
    await expect(copyDatabase(sqlite.db, postgres.db)).rejects.toThrow(
      /already holds data .*copy into a new, empty database/,
    );
  });

  test('pulseboard db copy on the command line', async () => {
    const target = await createTestDatabase('postgres');
    try {
      const url = target.location.kind === 'postgres' ? target.location.url : '';
      const from = sqliteDb.location.kind === 'sqlite' ? sqliteDb.location.path : '';
      const result = await runCli(['db', 'copy', '--from', from, '--to', url], { cwd: tmpdir() });
      expect(result.code, result.stderr).toBe(0);
      const days = (await countRows(sqlite.db)).star_day;
      expect(result.stdout).toMatch(new RegExp(`^star_day\\s+${days}$`, 'm'));
      expect(result.stderr).toContain('row counts match');
      const again = await runCli(['db', 'copy', '--from', from, '--to', url], { cwd: tmpdir() });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('already holds data');
    } finally {
      await target.drop();
    }
  });
});

describe('several processes on one PostgreSQL', () => {
  test('only one runs the schedule; when it dies another takes over within one lease period', async () => {
    const pg = await createTestDatabase('postgres');
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-replicas-'));
    writeFileSync(
      join(cwd, 'pulseboard.yaml'),
      'project: P\ngithub: { repos: [a/b] }\nschedule: { leaseSeconds: 3 }\n',
    );
    const env = {
      PULSEBOARD_DB: pg.location.kind === 'postgres' ? pg.location.url : '',
      PORT: '0',
    };
    const leads = /now runs the collection schedule/;
    const a = startCli(['start'], { cwd, env });
    const aDone = collect(a);
    await waitForStderr(a, /serving/);
    await waitForStderr(a, leads, 10_000);
    const b = startCli(['start'], { cwd, env });
    const bDone = collect(b);
    let bSays = '';
    b.stderr!.on('data', (chunk: Buffer) => (bSays += chunk.toString()));
    try {
      await waitForStderr(b, /serving/);
      // b waits behind a's lease: two lease periods pass without b leading.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(bSays).toContain('serving');
      expect(bSays).not.toMatch(leads);
      const takeover = waitForStderr(b, leads, 12_000);
      const killedAt = Date.now();
      a.kill('SIGKILL');
      await takeover;
      expect(Date.now() - killedAt).toBeLessThan(3000 + 1000 + 2000); // lease + one renewal tick + slack
    } finally {
      a.kill('SIGKILL');
      b.kill('SIGTERM');
      await Promise.all([aDone, bDone]);
      await pg.drop();
    }
  }, 60_000);
});
