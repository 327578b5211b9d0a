/** GitHub Discussions: one row per discussion, replaced whenever it is read again. */
import type { Kysely } from 'kysely';
import type { Database, GithubDiscussionTable } from '../schema.js';
import { inChunks } from './chunks.js';

export async function upsertDiscussions(
  db: Kysely<Database>,
  rows: readonly GithubDiscussionTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('github_discussion')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['repo_id', 'number']).doUpdateSet((eb) => ({
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
          author: eb.ref('excluded.author'),
          author_association: eb.ref('excluded.author_association'),
          author_is_bot: eb.ref('excluded.author_is_bot'),
          answerable: eb.ref('excluded.answerable'),
          first_response_at: eb.ref('excluded.first_response_at'),
          answer_at: eb.ref('excluded.answer_at'),
          answer_chosen_at: eb.ref('excluded.answer_chosen_at'),
          answer_author: eb.ref('excluded.answer_author'),
          answer_association: eb.ref('excluded.answer_association'),
        })),
      )
      .execute(),
  );
}

/** Every stored discussion (of one repo when `repoId` is given), oldest first. */
export async function listDiscussions(
  db: Kysely<Database>,
  repoId: string | null = null,
): Promise<GithubDiscussionTable[]> {
  let query = db.selectFrom('github_discussion').selectAll();
  if (repoId !== null) query = query.where('repo_id', '=', repoId);
  return query.orderBy('created_at').orderBy('repo_id').orderBy('number').execute();
}

/** The columns the rollups read. */
export async function listDiscussionFacts(db: Kysely<Database>) {
  return db
    .selectFrom('github_discussion')
    .select([
      'repo_id',
      'created_at',
      'author',
      'author_is_bot',
      'answerable',
      'first_response_at',
      'answer_chosen_at',
      'answer_author',
      'answer_association',
    ])
    .execute();
}
