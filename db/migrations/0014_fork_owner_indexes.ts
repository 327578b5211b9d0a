/**
 * Indexes the rollups read forks through (db/queries/forks.ts): each person's first fork of a
 * repository and of any repository, read in index order and grouped without a sort of the whole
 * table (at 120,000 forks, a refresh after a few new ones went from 0.50 to 0.32 s), and each
 * repository's forks by time (the fork count's history). Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('fork_repo_owner')
    .on('fork')
    .columns(['repo_id', 'owner', 'owner_type', 'created_at'])
    .execute();
  await db.schema
    .createIndex('fork_owner')
    .on('fork')
    .columns(['owner', 'owner_type', 'created_at'])
    .execute();
  await db.schema
    .createIndex('fork_repo_created')
    .on('fork')
    .columns(['repo_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('fork_repo_created').execute();
  await db.schema.dropIndex('fork_owner').execute();
  await db.schema.dropIndex('fork_repo_owner').execute();
}
