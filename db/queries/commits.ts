/** The default branch's commit graph (`git_commit`), from which commit contributions are derived. */
import { sql, type Kysely } from 'kysely';
import type { Database, GitCommitTable } from '../schema.js';
import { CHUNK, inChunks } from './chunks.js';

type Node = Omit<GitCommitTable, 'repo_id'>;
const NODE_COLUMNS = [
  'sha',
  'parent',
  'parents',
  'contributor',
  'authored_at',
  'committed_at',
  'committer',
  'mainline',
  'pr',
] as const;

/** Stores listed commits; one already stored keeps what earlier walks found out about it. */
export async function insertGitCommits(
  db: Kysely<Database>,
  rows: readonly GitCommitTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('git_commit')
      .values(chunk)
      .onConflict((oc) => oc.columns(['repo_id', 'sha']).doNothing())
      .execute(),
  );
}

/** A step of the first-parent chain as stored: whether it is on the mainline already. */
export interface ChainStep {
  sha: string;
  parent: string | null;
  mainline: 0 | 1 | null;
}

/**
 * The first-parent chain from `from` as stored, newest first, at most `limit` commits: it stops
 * after a commit already on the mainline (the walk of an earlier pass), at a root, or where a
 * first parent is not stored (the caller lists from it and goes on). Walked by the database (a
 * recursive query on the primary key), so a backfill's 100k-commit mainline is never in memory
 * whole: the caller takes it `limit` commits at a time.
 */
export async function walkStoredChain(
  db: Kysely<Database>,
  repoId: string,
  from: string,
  limit: number,
): Promise<ChainStep[]> {
  const { rows } = await sql<ChainStep & { depth: number }>`
    with recursive walk (sha, parent, mainline, depth) as (
      select sha, parent, mainline, 0 from git_commit where repo_id = ${repoId} and sha = ${from}
      union all
      select c.sha, c.parent, c.mainline, walk.depth + 1
      from walk join git_commit c on c.repo_id = ${repoId} and c.sha = walk.parent
      where (walk.mainline is null or walk.mainline <> 1) and walk.depth < ${limit - 1}
    )
    select sha, parent, mainline, depth from walk order by depth`.execute(db);
  return rows.map(({ sha, parent, mainline }) => ({
    sha,
    parent,
    mainline: mainline === null ? null : mainline ? 1 : 0,
  }));
}

/** The stored commits among `shas`, by sha. */
export async function findGitCommits(
  db: Kysely<Database>,
  repoId: string,
  shas: readonly string[],
): Promise<Map<string, Node>> {
  const found = new Map<string, Node>();
  await inChunks(shas, async (chunk) => {
    const rows = await db
      .selectFrom('git_commit')
      .select(NODE_COLUMNS)
      .where('repo_id', '=', repoId)
      .where('sha', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.sha, row);
  });
  return found;
}

export async function findGitCommit(
  db: Kysely<Database>,
  repoId: string,
  sha: string,
): Promise<Node | undefined> {
  return db
    .selectFrom('git_commit')
    .select(NODE_COLUMNS)
    .where('repo_id', '=', repoId)
    .where('sha', '=', sha)
    .executeTakeFirst();
}

/** Marks commits as on the mainline, each with the PR it arrived through (or null). */
export async function markMainline(
  db: Kysely<Database>,
  repoId: string,
  nodes: readonly Node[],
): Promise<void> {
  await inChunks(
    nodes.map((n) => ({ ...n, repo_id: repoId, mainline: 1 as const })),
    (chunk) =>
      db
        .insertInto('git_commit')
        .values(chunk)
        .onConflict((oc) =>
          oc.columns(['repo_id', 'sha']).doUpdateSet((eb) => ({
            mainline: eb.ref('excluded.mainline'),
            pr: eb.ref('excluded.pr'),
          })),
        )
        .execute(),
    CHUNK / 2,
  );
}

/** After a walk: every commit it did not reach is off the mainline for good. */
export async function markOffMainline(db: Kysely<Database>, repoId: string): Promise<void> {
  await db
    .updateTable('git_commit')
    .set({ mainline: 0 })
    .where('repo_id', '=', repoId)
    .where('mainline', 'is', null)
    .execute();
}

export async function setCommitPull(
  db: Kysely<Database>,
  repoId: string,
  shas: readonly string[],
  pr: number,
): Promise<void> {
  await inChunks(shas, (chunk) =>
    db
      .updateTable('git_commit')
      .set({ pr })
      .where('repo_id', '=', repoId)
      .where('sha', 'in', chunk)
      .execute(),
  );
}

/** Merged PRs whose merge commit is among `shas`, by merge commit. */
export async function findPullsByMergeCommit(
  db: Kysely<Database>,
  repoId: string,
  shas: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  await inChunks(shas, async (chunk) => {
    const rows = await db
      .selectFrom('pull_request')
      .select(['number', 'merge_commit'])
      .where('repo_id', '=', repoId)
      .where('merge_commit', 'in', chunk)
      .execute();
    for (const row of rows) found.set(row.merge_commit!, row.number);
  });
  return found;
}

/** Merged PRs whose merge commit a walk already placed on the mainline without knowing the PR. */
export async function listUnlinkedMergeCommits(
  db: Kysely<Database>,
  repoId: string,
): Promise<{ number: number; sha: string }[]> {
  const rows = await db
    .selectFrom('pull_request as p')
    .innerJoin('git_commit as c', (join) =>
      join.onRef('c.repo_id', '=', 'p.repo_id').onRef('c.sha', '=', 'p.merge_commit'),
    )
    .select(['p.number', 'c.sha'])
    .where('p.repo_id', '=', repoId)
    .where('c.mainline', '=', 1)
    .where('c.pr', 'is', null)
    .execute();
  return rows;
}
