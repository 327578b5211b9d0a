/**
 * `kill -9` in the middle of a backfill, again and again: each restarted `pulseboard collect`
 * resumes, and the database ends equal to an uninterrupted run's, row for row, rollups included.
 * The kill points are seeded: the n-th request of a pass, then a few milliseconds (so some land
 * while a page is being written, some during the rollup refresh). On SQLite and PostgreSQL.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/connect.js';
import { createGithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { seeded } from '../../../demo/random.js';
import { collect, runCli, startCli } from '../../helpers/cli.js';
import {
  createTestDatabase,
  DIALECTS,
  pulseboardDb,
  type TestDatabase,
} from '../../helpers/databases.js';
import { diffDumps, dumpTables, GITHUB_TABLES } from '../../helpers/dump.js';

const WORLD = { repos: 1, stars: 320, pulls: 180, issues: 180, commits: 120, seed: 31 };
const TABLES = [...GITHUB_TABLES, 'daily_metric'] as const;
/** Four chains of five kills each: 20 kill points per dialect. */
const CHAINS = 4;
const KILLS_PER_CHAIN = 5;

/**
 * One stand-in for all chains (the same URLs, so the same ETags as the clean run); each chain's
 * collector sends its own token, which tells the stand-in whose request it is.
 */
let server: RunningServer;
/** What `pulseboard init --repo …` writes, once: every chain starts from a copy. */
let starter: string;
const onRequest = new Map<string, () => void>();

beforeAll(async () => {
  const standIn = createGithubStandIn(createWorld(WORLD));
  server = await serveHandler((request) => {
    onRequest.get(request.headers.get('authorization') ?? '')?.();
    return standIn.handle(request);
  });
  starter = mkdtempSync(join(tmpdir(), 'pulseboard-crash-init-'));
  const repo = fullName(standIn.world.repos[0]!);
  const init = await runCli(['init', '--repo', repo], { cwd: starter });
  expect(init.code, init.stderr).toBe(0);
});
afterAll(async () => {
  await server?.close();
  rmSync(starter, { recursive: true, force: true });
});

interface Chain {
  cwd: string;
  token: string;
  database: TestDatabase;
}

async function startChain(dialect: (typeof DIALECTS)[number]): Promise<Chain> {
  const chain: Chain = {
    cwd: mkdtempSync(join(tmpdir(), 'pulseboard-crash-')),
    token: `test-token-${Math.random().toString(36).slice(2)}`,
    database: await createTestDatabase(dialect),
  };
  for (const file of ['pulseboard.yaml', '.env'])
    copyFileSync(join(starter, file), join(chain.cwd, file));
  return chain;
}

/** Runs `pulseboard collect --backfill` for the chain; `onRequest(child)` sees each request. */
function startCollect(chain: Chain, onEachRequest?: (child: ChildProcess) => void) {
  const child = startCli(['collect', '--backfill'], {
    cwd: chain.cwd,
    env: {
      GITHUB_API_URL: server.url,
      GITHUB_TOKEN: chain.token,
      PULSEBOARD_DB: pulseboardDb(chain.database.location),
      // No pause between GraphQL requests: the stand-in needs none, and a pass is the same pass.
      PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS: '0',
    },
  });
  if (onEachRequest) onRequest.set(`token ${chain.token}`, () => onEachRequest(child));
  else onRequest.delete(`token ${chain.token}`);
  return collect(child);
}

async function dump(chain: Chain) {
  const database = await openDatabase(chain.database.location);
  try {
    return await dumpTables(database.db, TABLES);
  } finally {
    await database.close();
  }
}

async function readRuns(chain: Chain) {
  const database = await openDatabase(chain.database.location);
  try {
    return await database.db.selectFrom('collection_run').selectAll().execute();
  } finally {
    await database.close();
  }
}

async function closeChain(chain: Chain) {
  await chain.database.drop();
  rmSync(chain.cwd, { recursive: true, force: true });
}

describe.each(DIALECTS)('a collector killed with SIGKILL on %s', (dialect) => {
  let clean: Record<string, string[]>;
  const chains: Chain[] = [];

  beforeAll(async () => {
    const chain = await startChain(dialect);
    chains.push(chain);
    const result = await startCollect(chain);
    expect(result.code, result.stderr).toBe(0);
    clean = await dump(chain);
    expect(clean.pull_request).toHaveLength(WORLD.pulls);
    expect(clean.daily_metric!.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await Promise.all(chains.map(closeChain));
  });

  test(`restarted after each of ${CHAINS * KILLS_PER_CHAIN} seeded kills, it ends equal to a clean run`, async () => {
    const random = seeded(dialect === 'sqlite' ? 101 : 202);
    const plans = Array.from({ length: CHAINS }, () =>
      Array.from({ length: KILLS_PER_CHAIN }, () => ({
        atRequest: 1 + Math.floor(random() * 8),
        afterMs: Math.floor(random() * 40),
      })),
    );
    await Promise.all(
      plans.map(async (kills) => {
        const chain = await startChain(dialect);
        chains.push(chain);
        let killed = 0;
        for (const kill of kills) {
          let seen = 0;
          const result = await startCollect(chain, (child) => {
            if (++seen === kill.atRequest) setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
          });
          // A pass short enough to finish before its kill point is fine too: it must have succeeded.
          if (result.code === null) killed++;
          else expect(result.code, result.stderr).toBe(0);
        }
        const final = await startCollect(chain);
        expect(final.code, final.stderr).toBe(0);
        expect(diffDumps(await dump(chain), clean)).toEqual({});
        // Each killed pass is on record as such (the Collection page shows it), none as running.
        const runs = await readRuns(chain);
        expect(runs.filter((r) => r.finished_at === null)).toEqual([]);
        // (A kill during the rollup refresh lands after its run was recorded as finished.)
        const stopped = runs.filter((r) => r.error?.includes('stopped during this pass'));
        expect(stopped.length).toBeLessThanOrEqual(killed);
        expect(stopped.length).toBeGreaterThanOrEqual(killed / 2);
        return killed;
      }),
    ).then((killed) => {
      // Most kills must have landed, or this test would prove little.
      expect(killed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
        CHAINS * KILLS_PER_CHAIN * 0.75,
      );
    });
    // 20 kills and restarts of real CLI processes: about 25 s alone, more beside other test files.
  }, 120_000);
});
