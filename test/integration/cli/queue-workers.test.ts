/**
 * PostgreSQL's job queue: two `pulseboard worker` processes and a `pulseboard collect --queue
 * --backfill` over an organisation of 200 small repositories. Each repository is collected exactly
 * once (one job each, never retried; one snapshot request each), both workers take part, and the
 * stored rows (and rollups) equal a one-process backfill's, table for table; `doctor` then shows an
 * empty queue. On SQLite the queue is refused.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runCollection } from '../../../collector/run.js';
import { openDatabase } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { createGithubStandIn, type GithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, type WorldOptions } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { collect, runCli, startCli, waitForStderr } from '../../helpers/cli.js';
import { createTestDatabase, pulseboardDb, type TestDatabase } from '../../helpers/databases.js';
import { diffDumps, dumpTables, GITHUB_TABLES } from '../../helpers/dump.js';
import { githubConfig } from '../../helpers/github.js';

const REPOS = 200;
/** What the pass stores, and the rollups it refreshes once at the end. */
const TABLES = [...GITHUB_TABLES, 'daily_metric'] as const;
/** The world's repository names (`createWorld`'s: eight named ones, then repo-8, repo-9, …). */
const NAMES = ['core', 'plugins', 'docs', 'cli', 'sdk', 'charts', 'website', 'examples'];
/** A few items a repository; discussions off (one GraphQL query fewer each). */
const WORLD: WorldOptions = {
  repos: REPOS,
  stars: 200,
  pulls: 200,
  issues: 200,
  commits: 200,
  discussions: 0,
  days: 20,
  seed: 17,
  discussionsOff: Array.from({ length: REPOS }, (_, i) => NAMES[i] ?? `repo-${i}`),
};
/** Each side's token: one server (one URL, so the same ETags) answers each from its own stand-in. */
const TOKEN = 'test-token-queued';
const REFERENCE_TOKEN = 'test-token-reference';

interface Side {
  standIn: GithubStandIn;
  database: TestDatabase;
  /** Snapshot requests (GET /repos/owner/name) per repository. */
  snapshots: Map<string, number>;
}

let queued: Side;
let reference: Side;
let server: RunningServer;
let cwd: string;

async function side(): Promise<Side> {
  const standIn = createGithubStandIn(createWorld(WORLD));
  return { standIn, snapshots: new Map(), database: await createTestDatabase('postgres') };
}

function answer(request: Request): Promise<Response> {
  const side = request.headers.get('authorization') === `token ${TOKEN}` ? queued : reference;
  const path = new URL(request.url).pathname;
  if (request.method === 'GET' && /^\/repos\/[^/]+\/[^/]+$/.test(path))
    side.snapshots.set(path, (side.snapshots.get(path) ?? 0) + 1);
  return side.standIn.handle(request);
}

beforeAll(async () => {
  [queued, reference] = await Promise.all([side(), side()]);
  server = await serveHandler(answer);
  cwd = mkdtempSync(join(tmpdir(), 'pulseboard-queue-'));
  const init = await runCli(['init', '--repo', 'placeholder/repo'], { cwd });
  expect(init.code, init.stderr).toBe(0);
  const file = join(cwd, 'pulseboard.yaml');
  const org = queued.standIn.world.org;
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace('repos: [placeholder/repo]', `orgs: [${org}]`),
  );
});
afterAll(async () => {
  await server?.close();
  for (const s of [queued, reference]) await s?.database.drop();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  GITHUB_API_URL: server.url,
  GITHUB_TOKEN: TOKEN,
  PULSEBOARD_DB: pulseboardDb(queued.database.location),
  // No pause between GraphQL requests (GitHub asks for 100 ms): the stand-in needs none, and 400
  // queries at 100 ms each were a third of this test's time. The one-process run sets 0 as well.
  PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS: '0',
  ...extra,
});

/** The same backfill in one process (four repositories at a time) and its refresh, into the reference database. */
async function oneProcessBackfill(): Promise<Record<string, string[]>> {
  const database = await openDatabase(reference.database.location);
  try {
    await migrateToLatest(database.db);
    const world = reference.standIn.world;
    const base = githubConfig(world, { repos: [], orgs: [world.org] });
    const [summary] = await runCollection({
      db: database.db,
      config: {
        ...base,
        env: { ...base.env, githubApiUrl: server.url, githubToken: REFERENCE_TOKEN },
      },
      backfill: true,
      sources: ['github'],
      github: { graphqlSpacingMs: 0, concurrency: 4 },
    });
    expect(summary!.error).toBeNull();
    await refreshDailyMetrics(database.db, 'UTC', new Date());
    return await dumpTables(database.db, TABLES);
  } finally {
    await database.close();
  }
}

test('two workers backfill 200 repositories, each once, into the rows of a one-process run', async () => {
  const started = performance.now();
  const expected = oneProcessBackfill();
  const workers = [
    startCli(['worker'], { cwd, env: env() }),
    startCli(['worker'], { cwd, env: env() }),
  ];
  const outputs = workers.map((worker) => collect(worker));
  await Promise.all(workers.map((worker) => waitForStderr(worker, /Worker ready/, 60_000)));
  const pass = await runCli(['collect', '--queue', '--backfill'], { cwd, env: env() });
  for (const worker of workers) worker.kill('SIGTERM');
  const [first, second] = await Promise.all(outputs);
  console.log(
    `queued backfill of ${REPOS} repositories: ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  expect(pass.code, pass.stderr).toBe(0);
  expect(pass.stderr).toMatch(/github: done — \d+ rows/);
  // Both workers took part.
  expect(first!.stderr).toMatch(/Collected [1-9]\d* of/);
  expect(second!.stderr).toMatch(/Collected [1-9]\d* of/);

  // Each repository once: one snapshot request each, and one job each, completed at the first try.
  expect(queued.snapshots.size).toBe(REPOS);
  expect([...queued.snapshots.values()].every((n) => n === 1)).toBe(true);
  const database = await openDatabase(queued.database.location);
  try {
    const { rows } = await sql<{ key: string; state: string; retry_count: number }>`
      SELECT singleton_key AS key, state, retry_count FROM pgboss.job WHERE name = 'github-repo'
    `.execute(database.db);
    expect(rows).toHaveLength(REPOS);
    expect(new Set(rows.map((r) => r.key)).size).toBe(REPOS);
    expect(rows.every((r) => r.state === 'completed' && r.retry_count === 0)).toBe(true);
    // The same REST requests as one process makes; the rows equal, table for table.
    expect(queued.standIn.stats.rest).toBe(reference.standIn.stats.rest);
    expect(diffDumps(await dumpTables(database.db, TABLES), await expected)).toEqual({});
  } finally {
    await database.close();
  }
  // doctor reads the queue: nothing left waiting, running or failed.
  const doctor = await runCli(['doctor'], { cwd, env: env() });
  expect(doctor.stdout).toContain('✓ job queue: 0 repository jobs waiting, 0 running, 0 failed');
}, 600_000);

test('on SQLite, a worker is refused in one sentence', async () => {
  const result = await runCli(['worker'], { cwd, env: env({ PULSEBOARD_DB: join(cwd, 'x.db') }) });
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toBe(
    'pulseboard worker needs PostgreSQL (the job queue lives there); set PULSEBOARD_DB to a postgres:// URL, or collect in one process without it on SQLite.',
  );
});
