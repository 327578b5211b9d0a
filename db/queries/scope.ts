/** Reads for key results scoped to repositories or to the team / everyone else. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Contributions (contributor key and time), of some repositories or (null) all of them. */
export async function listContributionsOf(db: Kysely<Database>, repoIds: readonly string[] | null) {
  let query = db.selectFrom('contribution').select(['contributor', 'at']);
  if (repoIds !== null) {
    if (repoIds.length === 0) return [];
    query = query.where('repo_id', 'in', repoIds);
  }
  return query.execute();
}

/** Pull-request authors with their association and the PR's creation time (not bots, not deleted). */
export async function listPullRequestAssociations(db: Kysely<Database>) {
  return db
    .selectFrom('pull_request')
    .select(['author', 'author_association', 'created_at'])
    .where('author', 'is not', null)
    .where('author_is_bot', '=', 0)
    .$narrowType<{ author: string }>()
    .execute();
}
