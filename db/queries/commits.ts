/** The default branch's commit graph (`git_commit`), from which commit contributions are derived. */
import type { Kysely } from 'kysely';
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

/** Commits no walk has placed yet (on or off the mainline): the ones listed since the last walk. */
export async function listUnwalkedCommits(db: Kysely<Database>, repoId: string): Promise<Node[]> {
  return db
    .selectFrom('git_commit')
    .select(NODE_COLUMNS)
    .where('repo_id', '=', repoId)
    .where('mainline', 'is', null)
    .execute();
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
