/** Package downloads: daily counts (npm, PyPI) and Docker Hub pull-count snapshots. */
import type { Kysely } from 'kysely';
import type {
  Database,
  DockerPullSnapshotTable,
  PackageDownloadDayTable,
  PackageSource,
} from '../schema.js';
import { inChunks } from './chunks.js';

/** Writes days as the source reports them now: a re-read day (a partial latest day) is overwritten. */
export async function upsertDownloadDays(
  db: Kysely<Database>,
  rows: readonly PackageDownloadDayTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('package_download_day')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['source', 'package', 'day'])
          .doUpdateSet((eb) => ({ downloads: eb.ref('excluded.downloads') })),
      )
      .execute(),
  );
}

/** The newest stored day of a package (YYYY-MM-DD), or null before its first pass. */
export async function findLatestDownloadDay(
  db: Kysely<Database>,
  source: PackageSource,
  pkg: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('package_download_day')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('source', '=', source)
    .where('package', '=', pkg)
    .executeTakeFirst();
  return row?.day ?? null;
}

/** Every stored day of every package: the rollups' input. */
export async function listPackageDownloadDays(
  db: Kysely<Database>,
): Promise<PackageDownloadDayTable[]> {
  return db.selectFrom('package_download_day').selectAll().execute();
}

/** Every stored day of one source's packages, oldest first. */
export async function listDownloadDays(
  db: Kysely<Database>,
  source: PackageSource,
  packages?: readonly string[],
): Promise<PackageDownloadDayTable[]> {
  let query = db.selectFrom('package_download_day').selectAll().where('source', '=', source);
  if (packages) {
    if (packages.length === 0) return [];
    query = query.where('package', 'in', packages);
  }
  return query.orderBy('package').orderBy('day').execute();
}

export async function insertPullSnapshot(
  db: Kysely<Database>,
  row: DockerPullSnapshotTable,
): Promise<void> {
  await db
    .insertInto('docker_pull_snapshot')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['repository', 'taken_at']).doUpdateSet({ pull_count: row.pull_count }),
    )
    .execute();
}

/** Each repository's last snapshot of every day it has one: the input of the daily pulls. */
export async function listDailyLastPullCounts(
  db: Kysely<Database>,
  repositories?: readonly string[],
): Promise<{ repository: string; day: string; pull_count: number }[]> {
  if (repositories?.length === 0) return [];
  let query = db
    .selectFrom('docker_pull_snapshot as s')
    .select(['s.repository', 's.day', 's.pull_count'])
    .where(({ eb, selectFrom }) =>
      eb(
        's.taken_at',
        '=',
        selectFrom('docker_pull_snapshot as l')
          .select((e) => e.fn.max('l.taken_at').as('taken_at'))
          .whereRef('l.repository', '=', 's.repository')
          .whereRef('l.day', '=', 's.day'),
      ),
    );
  if (repositories) query = query.where('s.repository', 'in', repositories);
  return query.orderBy('s.repository').orderBy('s.day').execute();
}
