/**
 * The job queue's retries (PostgreSQL, pg-boss), with a worker in this process and the first retry
 * after 1 s (`retryDelayS`, PULSEBOARD_QUEUE_RETRY_DELAY for the CLI): a repository whose first
 * attempt meets a run of 502s is retried and completes, and the rows equal a clean one-process run
 * (the repository stored once); a repository that always answers 502 ends failed after its
 * retries, named in one line of the worker's log, in the pass's errors and by `doctor`. What a worker
 * met that needs the user's action (a token without push access) reaches the pass's own run.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkQueue } from '../../../collector/queue-doctor.js';
import { openQueue, RETRY_LIMIT } from '../../../collector/queue.js';
import { runCollection, type CollectionOptions } from '../../../collector/run.js';
import { runWorker } from '../../../collector/worker.js';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { createGithubStandIn, type GithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName, type WorldOptions } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/databases.js';
import { diffDumps, dumpTables, GITHUB_TABLES } from '../../helpers/dump.js';
import { githubConfig } from '../../helpers/github.js';

const WORLD: WorldOptions = {
  repos: 3,
  stars: 60,
  pulls: 40,
  issues: 40,
  commits: 40,
  discussions: 0,
  days: 20,
  seed: 23,
  discussionsOff: ['core', 'plugins', 'docs'],
};
const TOKEN = 'test-token-queued';
const REFERENCE_TOKEN = 'test-token-reference';
/** The client tries a request four times (three retries) before the job's attempt fails. */
const FAILED_TRIES = 4;

let queuedStandIn: GithubStandIn;
let referenceStandIn: GithubStandIn;
let server: RunningServer;
let queuedDb: TestDatabase;
let referenceDb: TestDatabase;
let database: DatabaseHandle;
let core: string;
let flaky: string;
let broken: string;
let flakyFailures = 0;
const workerLog: string[] = [];
const stopWorker = new AbortController();
let worker: Promise<void>;

function answer(request: Request): Promise<Response> {
  if (request.headers.get('authorization') !== `token ${TOKEN}`)
    return referenceStandIn.handle(request);
  const path = new URL(request.url).pathname;
  const bad = () => Promise.resolve(new Response('Bad Gateway', { status: 502 }));
  if (path === `/repos/${broken}`) return bad();
  if (path === `/repos/${flaky}` && flakyFailures < FAILED_TRIES) {
    flakyFailures++;
    return bad();
  }
  return queuedStandIn.handle(request);
}

const config = (token: string, repos: string[]): CollectionOptions['config'] => {
  const base = githubConfig(queuedStandIn.world, { repos });
  return { ...base, env: { ...base.env, githubApiUrl: server.url, githubToken: token } };
};
const FAST = { graphqlSpacingMs: 0, retryAfterBaseMs: 1 };

beforeAll(async () => {
  queuedStandIn = createGithubStandIn(createWorld(WORLD));
  referenceStandIn = createGithubStandIn(createWorld(WORLD));
  [core, flaky, broken] = queuedStandIn.world.repos.map(fullName) as [string, string, string];
  server = await serveHandler(answer);
  [queuedDb, referenceDb] = await Promise.all([
    createTestDatabase('postgres'),
    createTestDatabase('postgres'),
  ]);
  database = await openDatabase(queuedDb.location);
  await migrateToLatest(database.db);
  const url = (queuedDb.location as { url: string }).url;
  const boss = await openQueue(url, (line) => workerLog.push(line));
  worker = runWorker({
    db: database.db,
    boss,
    config: config(TOKEN, []),
    signal: stopWorker.signal,
    log: (line) => workerLog.push(line),
    pollMs: 100,
    github: FAST,
  }).finally(() => boss.stop({ graceful: false, wait: true, close: true }));
});
afterAll(async () => {
  stopWorker.abort();
  await worker?.catch(() => {});
  await database?.close();
  await server?.close();
  for (const db of [queuedDb, referenceDb]) await db?.drop();
});

const queuedPass = (repos: string[]) =>
  runCollection({
    db: database.db,
    config: config(TOKEN, repos),
    backfill: true,
    sources: ['github'],
    github: FAST,
    queue: { url: (queuedDb.location as { url: string }).url, pollMs: 100, retryDelayS: 1 },
  });

const jobsOf = async (repo: string) =>
  (
    await sql<{ state: string; retry_count: number; retry_delay: number }>`
      SELECT state::text AS state, retry_count, retry_delay FROM pgboss.job
      WHERE name = 'github-repo' AND data->>'repo' = ${repo}`.execute(database.db)
  ).rows;

test('a job that fails once is retried and completes, with the rows of a clean run', async () => {
  const repos = queuedStandIn.world.repos.slice(0, 2).map(fullName); // core and the flaky one
  // A token without push access to core: the worker's blocker reaches the pass's own run.
  for (const standIn of [queuedStandIn, referenceStandIn])
    standIn.noPushAccess.add(core.toLowerCase());
  const [summary] = await queuedPass(repos);
  expect(summary!.error).toBeNull();
  expect(summary!.blockers).toEqual([{ kind: 'github-traffic', repo: core }]);
  expect(flakyFailures).toBe(FAILED_TRIES);
  // One job for the repository, completed at its second attempt, after the configured delay.
  expect(await jobsOf(flaky)).toEqual([{ state: 'completed', retry_count: 1, retry_delay: 1 }]);
  expect(workerLog.filter((line) => line.startsWith(`${flaky}: attempt 1 failed`))).toHaveLength(1);

  const reference = await openDatabase(referenceDb.location);
  try {
    await migrateToLatest(reference.db);
    const [clean] = await runCollection({
      db: reference.db,
      config: config(REFERENCE_TOKEN, repos),
      backfill: true,
      sources: ['github'],
      github: FAST,
    });
    expect(clean!.error).toBeNull();
    expect(
      diffDumps(await dumpTables(database.db, GITHUB_TABLES), await dumpTables(reference.db)),
    ).toEqual({});
  } finally {
    await reference.close();
  }
  // Stored once: one repository row each.
  const stored = await database.db.selectFrom('repo').select('full_name').execute();
  expect(stored.map((r) => r.full_name).sort()).toEqual([...repos].sort());
}, 60_000);

test('a job that keeps failing ends failed after its retries, in one line of the log and of doctor', async () => {
  const [summary] = await queuedPass([broken]);
  expect(await jobsOf(broken)).toEqual([
    { state: 'failed', retry_count: RETRY_LIMIT, retry_delay: 1 },
  ]);
  const finalLines = workerLog.filter((line) => line.startsWith(`${broken}: failed for good`));
  expect(finalLines).toHaveLength(1);
  expect(finalLines[0]).toMatch(
    new RegExp(
      `failed for good after ${RETRY_LIMIT} retries \\(.+\\); the next pass queues it again\\.$`,
    ),
  );
  // The pass names it once, with the cause.
  expect(summary!.error).toBe(
    `${broken}: GitHub answered 502 to GET /repos/${broken}, after retries (retries used up; the next pass tries again)`,
  );
  const doctor = await checkQueue(database.db);
  expect(doctor).toMatchObject({ status: 'warn', what: 'job queue' });
  expect(doctor!.detail).toMatch(
    new RegExp(`0 running, 1 failed, retries used up \\(${broken}: .+\\)`),
  );
}, 60_000);
