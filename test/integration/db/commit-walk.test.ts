/**
 * `walkStoredChain`: the database walks a repository's first-parent chain a piece at a time (a
 * backfill's mainline of 100k commits is never held in memory whole). Each piece follows first
 * parents from where the last one ended; a walk stops after a commit an earlier pass put on the
 * mainline, at a root, or where a first parent is not stored (the collector lists from it).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database, GitCommitTable } from '../../../db/schema.js';
import { insertGitCommits, walkStoredChain } from '../../../db/queries/commits.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo } from '../../helpers/rollup-history.js';

function commit(
  sha: string,
  parents: string[],
  mainline: 0 | 1 | null = null,
  repo = 'r1',
): GitCommitTable {
  return {
    repo_id: repo,
    sha,
    parent: parents[0] ?? null,
    parents: parents.length,
    contributor: 'ana',
    authored_at: '2026-03-01T10:00:00Z',
    committed_at: '2026-03-01T10:00:00Z',
    committer: 'ana',
    mainline,
    pr: null,
  };
}

/** The whole walk from `from`, `limit` commits per query, as the collector takes it. */
async function walkAll(db: Kysely<Database>, from: string, limit: number, repo = 'r1') {
  const shas: string[] = [];
  let next: string | null = from;
  while (next !== null) {
    const steps = await walkStoredChain(db, repo, next, limit);
    if (steps.length === 0) return { shas, missing: next };
    expect(steps.length).toBeLessThanOrEqual(limit);
    for (const step of steps) {
      if (step.mainline === 1) return { shas, missing: null };
      shas.push(step.sha);
    }
    next = steps.at(-1)!.parent;
  }
  return { shas, missing: null };
}

describe.each(DIALECTS)('walking the stored commit chain on %s', (dialect) => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    for (const id of ['r1', 'r2']) await addRepo(database.db, id);
    // r1: c0 (root) ← c1 ← … ← c24 on the first-parent chain; merge commits every fifth, whose
    // second parents (b*) are branch commits off the chain. r2 holds a commit of the same sha.
    const rows: GitCommitTable[] = [];
    for (let i = 0; i < 25; i++) {
      const parents = i === 0 ? [] : i % 5 === 0 ? [`c${i - 1}`, `b${i}`] : [`c${i - 1}`];
      rows.push(commit(`c${i}`, parents));
      if (i % 5 === 0 && i > 0) rows.push(commit(`b${i}`, [`c${i - 3}`]));
    }
    rows.push(commit('c24', [], null, 'r2'));
    await insertGitCommits(database.db, rows);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const chain = (from: number, to = 0) =>
    Array.from({ length: from - to + 1 }, (_, k) => `c${from - k}`);

  test.each([1, 2, 7, 25, 100])(
    'in pieces of %i, the walk follows first parents from the head to the root',
    async (limit) => {
      expect(await walkAll(database.db, 'c24', limit)).toEqual({
        shas: chain(24),
        missing: null,
      });
    },
  );

  test('a piece ends after the first commit already on the mainline, which it includes', async () => {
    await database.db
      .updateTable('git_commit')
      .set({ mainline: 1 })
      .where('repo_id', '=', 'r1')
      .where('sha', 'in', ['c9', 'c3'])
      .execute();
    const steps = await walkStoredChain(database.db, 'r1', 'c24', 100);
    expect(steps.map((s) => s.sha)).toEqual(chain(24, 9));
    expect(steps.at(-1)!.mainline).toBe(1);
    expect(await walkAll(database.db, 'c24', 4)).toEqual({ shas: chain(24, 10), missing: null });
    // A commit placed off the mainline by an earlier walk is walked through (a branch that became
    // the mainline): only mainline 1 ends the walk.
    await database.db
      .updateTable('git_commit')
      .set({ mainline: 0 })
      .where('repo_id', '=', 'r1')
      .where('sha', '=', 'c15')
      .execute();
    expect(await walkAll(database.db, 'c24', 4)).toEqual({ shas: chain(24, 10), missing: null });
    await database.db
      .updateTable('git_commit')
      .set({ mainline: null })
      .where('repo_id', '=', 'r1')
      .execute();
  });

  test('a first parent that is not stored ends the walk where the collector must list from it', async () => {
    await insertGitCommits(database.db, [commit('n2', ['n1']), commit('n1', ['gone'])]);
    expect(await walkAll(database.db, 'n2', 100)).toEqual({ shas: ['n2', 'n1'], missing: 'gone' });
    expect(await walkStoredChain(database.db, 'r1', 'unknown', 10)).toEqual([]);
  });

  test('a walk stays in its repository', async () => {
    expect(await walkAll(database.db, 'c24', 10, 'r2')).toEqual({ shas: ['c24'], missing: null });
  });
});
