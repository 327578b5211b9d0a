/**
 * Stars given per day, as GitHub's star-history endpoint reports them (stars that still exist, by the
 * day each was given). `starts_at` is the instant GitHub's day begins, kept as given: GitHub does not
 * promise its day edges fall on UTC midnight, so the rollups place each day themselves. Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('star_day')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('star_day_pk', ['repo_id', 'starts_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('star_day').execute();
}
