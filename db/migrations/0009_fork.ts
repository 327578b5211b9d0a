/**
 * Forks of tracked repositories and who owns them (`GET /repos/{owner}/{repo}/forks`): enough to
 * tell which fork owners went on to contribute. The owner is a lower-cased login, the same key as
 * `contribution.contributor`. Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fork')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('fork_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fork_pk', ['repo_id', 'fork_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fork').execute();
}
