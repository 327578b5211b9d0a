/**
 * Indexes the incremental refresh reads who is new through (`listNewContributorFirsts` in
 * db/queries/metrics.ts): the firsts from a time on, and each of those people's firsts in every
 * repository, so the read grows with the people new since, not with everyone who ever contributed.
 * Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('first_contribution_at')
    .on('first_contribution')
    .columns(['at', 'contributor'])
    .execute();
  await db.schema
    .createIndex('first_contribution_contributor')
    .on('first_contribution')
    .columns(['contributor', 'repo_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('first_contribution_contributor').execute();
  await db.schema.dropIndex('first_contribution_at').execute();
}
