/**
 * A pass stopped (Ctrl-C, a lost lease: its AbortSignal aborted) while it walks a default branch's
 * mainline stops at the walk's next batch, not at the walk's end, and loses nothing: the next pass
 * ends with the rows of a pass that was never stopped. The walk makes no request, so only its own
 * checks between batches can stop it. The walk's batch queries are observed (wrapped, not
 * replaced) to stop the pass inside each of its three loops and to count the batches it ran. The
 * tests run in order on one database, each pass resuming where the one before it stopped.
 * SQLite only: the stop between batches is there for better-sqlite3's synchronous queries, and a
 * stand-in world long enough for several batches takes a few seconds a pass.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type * as CommitPass from '../../../collector/github/commits.js';
import type * as CommitQueries from '../../../db/queries/commits.js';
import type { DatabaseHandle } from '../../../db/connect.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { diffDumps, dumpTables } from '../../helpers/dump.js';
import { collectGithubOnce, startGithubStandIn, type GithubFixture } from '../../helpers/github.js';

/** The walk's three loops: the first-parent chain, the PRs its commits landed through, the writes. */
type Stage = 'walk' | 'scan' | 'write';

const observed = vi.hoisted(() => ({
  /** Batch queries run in each loop of the walk since the last reset. */
  calls: { walk: 0, scan: 0, write: 0 },
  /** Called as each batch query returns. */
  afterBatch: (_stage: Stage) => {},
  /** What the last commit pass rejected with. */
  commitPassError: undefined as unknown,
}));

vi.mock('../../../db/queries/commits.js', async (importOriginal) => {
  const actual = await importOriginal<typeof CommitQueries>();
  const watch =
    <A extends unknown[], R>(stage: Stage, query: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const result = await query(...args);
      observed.calls[stage] += 1;
      observed.afterBatch(stage);
      return result;
    };
  return {
    ...actual,
    walkStoredChain: watch('walk', actual.walkStoredChain),
    findPullsByMergeCommit: watch('scan', actual.findPullsByMergeCommit),
    markMainline: watch('write', actual.markMainline),
  };
});

vi.mock('../../../collector/github/commits.js', async (importOriginal) => {
  const actual = await importOriginal<typeof CommitPass>();
  return {
    ...actual,
    collectCommits: async (...args: Parameters<typeof actual.collectCommits>) => {
      try {
        return await actual.collectCommits(...args);
      } catch (error) {
        observed.commitPassError = error;
        throw error;
      }
    },
  };
});

/**
 * Over 5,000 mainline commits (the walk's queries take 5,000 each, its reads and writes 2,000), no
 * discussions (not what is tested, and a second of requests).
 */
const WORLD = {
  repos: 1,
  stars: 20,
  pulls: 60,
  issues: 10,
  commits: 5_200,
  discussions: 0,
  days: 800,
  seed: 31,
};

const collect = (database: DatabaseHandle, fixture: GithubFixture, signal?: AbortSignal) =>
  collectGithubOnce(database.db, fixture, { backfill: true, signal });

function resetObserved() {
  observed.calls = { walk: 0, scan: 0, write: 0 };
  observed.afterBatch = () => {};
  observed.commitPassError = undefined;
}

type Row = Record<string, unknown>;
const rows = (dump: Record<string, string[]>, table: string) =>
  dump[table]!.map((line) => ({ line, row: JSON.parse(line) as Row }));
const onMainline = (dump: Record<string, string[]>) =>
  rows(dump, 'git_commit').filter(({ row }) => row.mainline === 1);
const commitContributions = (dump: Record<string, string[]>) =>
  rows(dump, 'contribution').filter(({ row }) => row.kind === 'commit');

/** The shas of the mainline (the first-parent chain from the head), newest first. */
function mainlineChain(dump: Record<string, string[]>): string[] {
  const parentOf = new Map(onMainline(dump).map(({ row }) => [row.sha as string, row.parent]));
  const parents = new Set(parentOf.values());
  let sha: unknown = [...parentOf.keys()].find((s) => !parents.has(s));
  const chain: string[] = [];
  for (; typeof sha === 'string' && parentOf.has(sha); sha = parentOf.get(sha)) chain.push(sha);
  expect(chain).toHaveLength(parentOf.size);
  return chain;
}

describe('a pass stopped while it walks the mainline', () => {
  let fixture: GithubFixture;
  let database: OpenTestDatabase;
  /** A pass never stopped: its rows, and the batches of each loop of its walk. */
  let control: Record<string, string[]>;
  let whole: Record<Stage, number>;

  beforeAll(async () => {
    fixture = startGithubStandIn(WORLD);
    const clean = await openTestDatabase('sqlite');
    try {
      resetObserved();
      const summary = await collect(clean, fixture);
      expect(summary.ok, summary.error ?? '').toBe(true);
      whole = { ...observed.calls };
      control = await dumpTables(clean.db);
    } finally {
      await clean.drop();
    }
    database = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  /** A pass whose signal is aborted as the first batch query of `stage` returns. */
  async function collectStoppedIn(stage: Stage) {
    resetObserved();
    const controller = new AbortController();
    let atStop: Record<Stage, number> | null = null;
    observed.afterBatch = (returned) => {
      if (returned !== stage || controller.signal.aborted) return;
      atStop = { ...observed.calls };
      controller.abort();
    };
    const summary = await collect(database, fixture, controller.signal);
    const seen = { ...observed.calls };
    const error = observed.commitPassError;
    resetObserved();
    expect(atStop).not.toBeNull();
    expect(seen, 'batch queries run after the stop').toEqual(atStop);
    expect(summary.ok).toBe(false);
    expect(summary.error).toMatch(/interrupted; the next pass resumes/);
    // Stopped by the walk's own check (it throws the signal's reason), not by a later request.
    expect(error).toBe(controller.signal.reason);
    return { seen, stored: await dumpTables(database.db) };
  }

  test('the walk takes several batches in each of its loops', () => {
    expect(whole.walk).toBeGreaterThanOrEqual(2);
    expect(whole.scan).toBeGreaterThanOrEqual(3);
    expect(whole.write).toBeGreaterThanOrEqual(3);
    // The PR links are part of what must not be lost.
    expect(onMainline(control).filter(({ row }) => row.pr !== null).length).toBeGreaterThan(10);
  });

  test('stopped while it follows the first-parent chain, it runs no further batch and writes nothing', async () => {
    const { seen, stored } = await collectStoppedIn('walk');
    expect(seen).toEqual({ walk: 1, scan: 0, write: 0 });
    expect(onMainline(stored)).toEqual([]);
    expect(commitContributions(stored)).toEqual([]);
    // The listing before the walk is kept: the commits are stored, none placed yet.
    expect(stored.git_commit).toHaveLength(control.git_commit!.length);
  });

  test('stopped while it finds the PRs the commits landed through, it runs no further batch and writes nothing', async () => {
    const { seen, stored } = await collectStoppedIn('scan');
    expect(seen).toEqual({ walk: whole.walk, scan: 1, write: 0 });
    expect(onMainline(stored)).toEqual([]);
    expect(commitContributions(stored)).toEqual([]);
  });

  test('stopped while it writes, it runs no further batch and what it wrote is the oldest part, final', async () => {
    const { seen, stored } = await collectStoppedIn('write');
    expect(seen).toEqual({ walk: whole.walk, scan: whole.scan, write: 1 });
    const final = new Set(control.git_commit);
    const written = onMainline(stored);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(onMainline(control).length);
    // Each row as the uninterrupted pass left it (its PR link too), the root among them.
    expect(written.filter(({ line }) => !final.has(line))).toEqual([]);
    expect(written.some(({ row }) => row.parent === null)).toBe(true);
    // Oldest first: the written commits are the chain's oldest, below every one not yet written.
    const chain = mainlineChain(control);
    expect(new Set(chain.slice(-written.length))).toEqual(
      new Set(written.map(({ row }) => row.sha)),
    );
    const contributions = new Set(control.contribution);
    const counted = commitContributions(stored);
    expect(counted.length).toBeGreaterThan(0);
    expect(counted.filter(({ line }) => !contributions.has(line))).toEqual([]);
  });

  test('the next pass ends with the rows of a pass never stopped', async () => {
    const summary = await collect(database, fixture);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(diffDumps(await dumpTables(database.db), control)).toEqual({});
  });
});
