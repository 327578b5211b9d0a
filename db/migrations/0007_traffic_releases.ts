/**
 * GitHub traffic and release downloads. Traffic (`traffic_day`: views and clones per UTC day;
 * `traffic_referrer`: the top referrers of the 14 days before the day they were read) is kept here
 * because GitHub serves only the last 14 days: archived daily, the history grows past them.
 * Releases (`release`: tag and publication day, for chart markers) and the cumulative download count
 * of each asset as read on a day (`release_asset_count`): daily downloads are differences. Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('traffic_day')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('uniques', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('traffic_day_pk', ['repo_id', 'kind', 'day'])
    .execute();
  await db.schema
    .createTable('traffic_referrer')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('uniques', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('traffic_referrer_pk', ['repo_id', 'day', 'referrer'])
    .execute();
  await db.schema
    .createTable('release')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('is_prerelease', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('release_asset_count')
    .addColumn('asset_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('release_id', 'text', (c) => c.notNull())
    .addColumn('downloads', 'integer', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('release_asset_count_pk', ['asset_id', 'day'])
    .execute();
  await db.schema
    .createIndex('release_asset_count_repo')
    .on('release_asset_count')
    .columns(['repo_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('release_asset_count').execute();
  await db.schema.dropTable('release').execute();
  await db.schema.dropTable('traffic_referrer').execute();
  await db.schema.dropTable('traffic_day').execute();
}
