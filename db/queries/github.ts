/** Writes of the GitHub collectors: every one an upsert, so a page written twice changes nothing. */
import type { Insertable, Kysely } from 'kysely';
import type {
  ContributionTable,
  Database,
  IssueTable,
  PullRequestTable,
  RepoSnapshotTable,
  RepoTable,
  StarTable,
} from '../schema.js';
import { inChunks } from './chunks.js';

export async function upsertRepo(db: Kysely<Database>, repo: RepoTable): Promise<void> {
  await db
    .insertInto('repo')
    .values(repo)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        full_name: repo.full_name,
        default_branch: repo.default_branch,
        is_fork: repo.is_fork,
        is_archived: repo.is_archived,
        created_at: repo.created_at,
      }),
    )
    .execute();
}

export async function findRepoByName(db: Kysely<Database>, fullName: string) {
  return db
    .selectFrom('repo')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['full_name']), '=', fullName.toLowerCase()))
    .executeTakeFirst();
}

export async function upsertRepoSnapshot(
  db: Kysely<Database>,
  snapshot: RepoSnapshotTable,
): Promise<void> {
  await db
    .insertInto('repo_snapshot')
    .values(snapshot)
    .onConflict((oc) =>
      oc.columns(['repo_id', 'day']).doUpdateSet({
        taken_at: snapshot.taken_at,
        stars: snapshot.stars,
        forks: snapshot.forks,
        open_issues: snapshot.open_issues,
      }),
    )
    .execute();
}

export async function findLatestSnapshot(db: Kysely<Database>, repoId: string) {
  return db
    .selectFrom('repo_snapshot')
    .selectAll()
    .where('repo_id', '=', repoId)
    .orderBy('day', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function upsertStars(db: Kysely<Database>, rows: readonly StarTable[]): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('star')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['repo_id', 'stargazer'])
          .doUpdateSet((eb) => ({ starred_at: eb.ref('excluded.starred_at') })),
      )
      .execute(),
  );
}

/** Which of these stars (stargazer + time) are already stored. */
export async function findKnownStars(
  db: Kysely<Database>,
  repoId: string,
  stargazers: readonly string[],
): Promise<Map<string, string>> {
  if (stargazers.length === 0) return new Map();
  const rows = await db
    .selectFrom('star')
    .select(['stargazer', 'starred_at'])
    .where('repo_id', '=', repoId)
    .where('stargazer', 'in', stargazers)
    .execute();
  return new Map(rows.map((r) => [r.stargazer, r.starred_at]));
}

export async function findNewestStar(db: Kysely<Database>, repoId: string): Promise<string | null> {
  const row = await db
    .selectFrom('star')
    .select((eb) => eb.fn.max('starred_at').as('newest'))
    .where('repo_id', '=', repoId)
    .executeTakeFirst();
  return row?.newest ?? null;
}

export async function upsertPullRequests(
  db: Kysely<Database>,
  rows: readonly PullRequestTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('pull_request')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['repo_id', 'number']).doUpdateSet((eb) => ({
          author: eb.ref('excluded.author'),
          author_is_bot: eb.ref('excluded.author_is_bot'),
          author_association: eb.ref('excluded.author_association'),
          title: eb.ref('excluded.title'),
          state: eb.ref('excluded.state'),
          is_draft: eb.ref('excluded.is_draft'),
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
          merged_at: eb.ref('excluded.merged_at'),
          closed_at: eb.ref('excluded.closed_at'),
          first_review_at: eb.ref('excluded.first_review_at'),
          first_response_at: eb.ref('excluded.first_response_at'),
          merge_commit: eb.ref('excluded.merge_commit'),
        })),
      )
      .execute(),
  );
}

export async function upsertIssues(
  db: Kysely<Database>,
  rows: readonly IssueTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('issue')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['repo_id', 'number']).doUpdateSet((eb) => ({
          author: eb.ref('excluded.author'),
          author_is_bot: eb.ref('excluded.author_is_bot'),
          title: eb.ref('excluded.title'),
          state: eb.ref('excluded.state'),
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
          closed_at: eb.ref('excluded.closed_at'),
          first_response_at: eb.ref('excluded.first_response_at'),
        })),
      )
      .execute(),
  );
}

export async function upsertContributions(
  db: Kysely<Database>,
  rows: readonly Insertable<ContributionTable>[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('contribution')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['repo_id', 'kind', 'ref']).doUpdateSet((eb) => ({
          contributor: eb.ref('excluded.contributor'),
          at: eb.ref('excluded.at'),
        })),
      )
      .execute(),
  );
}

/** A PR that is no longer merged (or whose author is now nobody) is no contribution. */
export async function deleteContributions(
  db: Kysely<Database>,
  repoId: string,
  kind: ContributionTable['kind'],
  refs: readonly string[],
): Promise<void> {
  if (refs.length === 0) return;
  await db
    .deleteFrom('contribution')
    .where('repo_id', '=', repoId)
    .where('kind', '=', kind)
    .where('ref', 'in', refs)
    .execute();
}

/** Rebuilds `contributor` (first contribution, count) from the stored contributions. */
export async function refreshContributors(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('contributor').execute();
    const result = await trx
      .insertInto('contributor')
      .columns(['id', 'login', 'first_contribution_at', 'first_repo_id', 'contributions'])
      .expression((eb) =>
        eb
          .selectFrom('contribution as c')
          .select((s) => [
            'c.contributor',
            s
              .case()
              .when('c.contributor', 'like', 'email:%')
              .then(s.val<string | null>(null))
              .else(s.ref('c.contributor'))
              .end()
              .as('login'),
            s.fn.min('c.at').as('first'),
            s
              .selectFrom('contribution as f')
              .select('f.repo_id')
              .whereRef('f.contributor', '=', 'c.contributor')
              .orderBy('f.at')
              .orderBy('f.repo_id')
              .limit(1)
              .as('first_repo'),
            s.fn.countAll().as('n'),
          ])
          .groupBy('c.contributor'),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  });
}
