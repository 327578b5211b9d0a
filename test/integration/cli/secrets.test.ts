import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/connect.js';
import { createGithubStandIn, type GithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { collect, runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import {
  createTestDatabase,
  DIALECTS,
  pulseboardDb,
  type TestDatabase,
} from '../../helpers/databases.js';

const TOKEN = 'ghp_RECOGNISABLE_FAKE_TOKEN_0123456789';
const BOT_TOKEN = 'discord_RECOGNISABLE_FAKE_BOT_TOKEN';
const ADMIN = 'admin_RECOGNISABLE_FAKE_TOKEN';
const WEBHOOK_SECRET = 'RECOGNISABLE_WEBHOOK_SECRET';
const SECRETS = [TOKEN, BOT_TOKEN, ADMIN, WEBHOOK_SECRET];

describe.each(DIALECTS)('secrets never leak (%s)', (dialect) => {
  let standIn: GithubStandIn;
  let server: RunningServer;
  let cwd: string;
  let env: Record<string, string>;
  let testDb: TestDatabase;
  const seen: string[] = [];

  beforeAll(async () => {
    standIn = createGithubStandIn(
      createWorld({ repos: 1, stars: 120, pulls: 40, issues: 40, commits: 40, seed: 12 }),
    );
    server = await serveHandler((request) => standIn.handle(request));
    cwd = mkdtempSync(join(tmpdir(), 'pulseboard-secrets-'));
    testDb = await createTestDatabase(dialect);
    env = {
      PULSEBOARD_DB: pulseboardDb(testDb.location),
      GITHUB_API_URL: server.url,
      GITHUB_TOKEN: TOKEN,
      DISCORD_BOT_TOKEN: BOT_TOKEN,
      PULSEBOARD_ADMIN_TOKEN: ADMIN,
      SLACK_WEBHOOK_URL: `http://127.0.0.1:9/services/${WEBHOOK_SECRET}`,
    };
    await runCli(['init', '--repo', fullName(standIn.world.repos[0]!)], { cwd });
    const yaml = readFileSync(join(cwd, 'pulseboard.yaml'), 'utf8').replace(
      'slack: false',
      'slack: true',
    );
    writeFileSync(join(cwd, 'pulseboard.yaml'), yaml);
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.drop();
  });

  test('in CLI output (success and failures, --verbose), API responses, reports, digests and the database', async () => {
    const ok = await runCli(['collect', '--backfill', '--verbose'], { cwd, env });
    expect(ok.code, ok.stderr).toBe(0);
    seen.push(ok.stdout, ok.stderr);

    // A revoked token: the failure message must not quote it.
    standIn.interceptors.push(
      () =>
        new Response(JSON.stringify({ message: 'Bad credentials' }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const revoked = await runCli(['collect', '--verbose'], { cwd, env });
    standIn.interceptors.splice(0);
    expect(revoked.code).toBe(1);
    seen.push(revoked.stdout, revoked.stderr);

    for (const args of [
      ['doctor'],
      ['digest', '--dry-run'],
      ['digest'],
      ['report', '--format', 'json'],
      ['report', '--format', 'html'],
      ['config', 'schema'],
    ]) {
      const result = await runCli([...args, '--verbose'], { cwd, env });
      seen.push(result.stdout, result.stderr);
    }

    const child = startCli(['start', '--no-schedule', '--verbose'], {
      cwd,
      env: { ...env, PORT: '0' },
    });
    const done = collect(child);
    const [, url] = await waitForStderr(child, /serving (http:\/\/\S+) /);
    for (const path of [
      '/api/health',
      '/api/runs',
      '/api/okrs',
      '/api/metrics',
      '/api/report.md',
      '/api/docs/json',
      '/api/nope',
    ]) {
      seen.push(await (await fetch(`${url}${path}`)).text());
    }
    const unauthorized = await fetch(`${url}/api/collect`, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong' },
    });
    seen.push(await unauthorized.text());
    child.kill('SIGTERM');
    const server = await done;
    seen.push(server.stdout, server.stderr);

    const database = await openDatabase(testDb.location);
    try {
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toContain('collection_run');
      for (const { name } of tables)
        seen.push(JSON.stringify(await sql`select * from ${sql.table(name)}`.execute(database.db)));
    } finally {
      await database.close();
    }

    const everything = seen.join('\n');
    expect(everything.length).toBeGreaterThan(10_000); // we did look at real output
    expect(everything).toContain('GitHub rejected GITHUB_TOKEN');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  }, 90_000);
});
