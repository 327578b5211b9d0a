/**
 * Package downloads. `package_download_day`: downloads per day as the source reports them (npm's
 * download counts, PyPI's download stats), one row per source, package and UTC day.
 * `docker_pull_snapshot`: Docker Hub gives only a running total (`pull_count`), so every pass keeps
 * a snapshot and the daily pulls are the differences between days' last snapshots. Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('package_download_day')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('package', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('downloads', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('package_download_day_pk', ['source', 'package', 'day'])
    .execute();
  await db.schema
    .createTable('docker_pull_snapshot')
    .addColumn('repository', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('pull_count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('docker_pull_snapshot_pk', ['repository', 'taken_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('docker_pull_snapshot').execute();
  await db.schema.dropTable('package_download_day').execute();
}
