/**
 * The commit walk of a backfill alone (`node dist/bench/commit-walk.js DB REPO_ID`): on a copy of a
 * bench database whose commits are listed (e.g. a `npm run bench -- --scale 10` database), forgets
 * what the walk found for one repository (mainline, PRs, commit contributions) and walks its
 * mainline again from the stored head, as the end of a backfill's commit listing does. Prints
 * `{ms, cpuMs, peakRssMb, longestStallMs, mainline, contributions}` (`longestStallMs`: the longest
 * the event loop did not turn, timers and a Ctrl-C waiting). It mutates DB: run it on a copy.
 */
import { readFileSync } from 'node:fs';
import { BotList } from '../collector/github/actors.js';
import { collectCommits } from '../collector/github/commits.js';
import type { GithubContext } from '../collector/github/context.js';
import { openDatabase } from '../db/connect.js';

const [path, repoId] = process.argv.slice(2) as [string, string];
const { db, close } = await openDatabase({ kind: 'sqlite', path });
const repo = await db
  .selectFrom('repo')
  .select(['full_name', 'default_branch'])
  .where('id', '=', repoId)
  .executeTakeFirstOrThrow();
const state = await db
  .selectFrom('sync_state')
  .select('cursor')
  .where('resource', '=', 'commits')
  .where('scope', '=', repoId)
  .executeTakeFirstOrThrow();
const head = (JSON.parse(state.cursor!) as { head: string }).head;
await db
  .updateTable('git_commit')
  .set({ mainline: null, pr: null })
  .where('repo_id', '=', repoId)
  .execute();
await db
  .deleteFrom('contribution')
  .where('repo_id', '=', repoId)
  .where('kind', '=', 'commit')
  .execute();
// Every page listed, the walk not made: where a backfill's listing ends.
await db
  .updateTable('sync_state')
  .set({
    cursor: JSON.stringify({ head: null, since: null, pass: { head, page: 0, newest: null } }),
  })
  .where('resource', '=', 'commits')
  .where('scope', '=', repoId)
  .execute();
const [owner, name] = repo.full_name.split('/') as [string, string];
const ctx = {
  db,
  client: { usage: { rate: {} } },
  bots: new BotList([]),
  backfill: true,
  progress: () => {},
  now: () => new Date(),
} as unknown as GithubContext;
// A timer every 10 ms: the longest gap between two of its turns is the longest stall.
let longestStallMs = 0;
let lastTurn = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  longestStallMs = Math.max(longestStallMs, now - lastTurn);
  lastTurn = now;
}, 10);
const started = performance.now();
const cpu = process.cpuUsage();
await collectCommits(
  ctx,
  {
    id: repoId,
    owner,
    name,
    fullName: repo.full_name,
    defaultBranch: repo.default_branch,
    pushedAt: null,
  },
  head,
);
const ms = performance.now() - started;
await new Promise((resolve) => setTimeout(resolve, 20)); // the ticker's turn after a last stall
clearInterval(ticker);
const { user, system } = process.cpuUsage(cpu);
const count = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n);
const mainline = await count(
  db
    .selectFrom('git_commit')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('repo_id', '=', repoId)
    .where('mainline', '=', 1)
    .executeTakeFirstOrThrow(),
);
const contributions = await count(
  db
    .selectFrom('contribution')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('repo_id', '=', repoId)
    .where('kind', '=', 'commit')
    .executeTakeFirstOrThrow(),
);
await close();
const peakRssMb =
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs: (user + system) / 1000, peakRssMb, longestStallMs, mainline, contributions })}\n`,
);
