/** GitHub releases (tags and days, for chart markers) and their assets' download counts per day. */
import type { Kysely } from 'kysely';
import type { Database, ReleaseAssetCountTable, ReleaseTable } from '../schema.js';
import { inChunks } from './chunks.js';
import { findLatestReadDay } from './latest-day.js';

export async function upsertReleases(
  db: Kysely<Database>,
  rows: readonly ReleaseTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('release')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          tag: eb.ref('excluded.tag'),
          name: eb.ref('excluded.name'),
          published_at: eb.ref('excluded.published_at'),
          is_prerelease: eb.ref('excluded.is_prerelease'),
        })),
      )
      .execute(),
  );
}

/** An asset's count read again the same day replaces the earlier read (the day's last read wins). */
export async function upsertAssetCounts(
  db: Kysely<Database>,
  rows: readonly ReleaseAssetCountTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('release_asset_count')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['asset_id', 'day']).doUpdateSet((eb) => ({
          downloads: eb.ref('excluded.downloads'),
          read_at: eb.ref('excluded.read_at'),
        })),
      )
      .execute(),
  );
}

/** The counts of a repository's assets on the newest day read before `day` (a 304 carries them on). */
export async function findLatestAssetCounts(db: Kysely<Database>, repoId: string, day: string) {
  const lastDay = await findLatestReadDay(db, 'release_asset_count', repoId, day);
  if (lastDay === null) return [];
  return db
    .selectFrom('release_asset_count')
    .selectAll()
    .where('repo_id', '=', repoId)
    .where('day', '=', lastDay)
    .execute();
}

/** Every stored count: the rollups' input. */
export async function listAssetCounts(db: Kysely<Database>) {
  return db
    .selectFrom('release_asset_count')
    .select(['repo_id', 'asset_id', 'day', 'downloads'])
    .orderBy('repo_id')
    .orderBy('day')
    .execute();
}

/** Published releases of the tracked repositories, with the repository's name, for chart markers. */
export async function listReleases(db: Kysely<Database>, repoId?: string) {
  let query = db
    .selectFrom('release')
    .innerJoin('repo', 'repo.id', 'release.repo_id')
    .select(['repo.full_name as repo', 'release.tag', 'release.published_at'])
    .where('release.published_at', 'is not', null);
  if (repoId !== undefined) query = query.where('release.repo_id', '=', repoId);
  return query.orderBy('release.published_at').execute();
}

/** The day each repository's releases were first read (kept in its `releases` sync state). */
export async function listReleaseFirstReads(
  db: Kysely<Database>,
): Promise<{ repo_id: string; day: string }[]> {
  const states = await db
    .selectFrom('sync_state')
    .select(['scope', 'cursor'])
    .where('resource', '=', 'releases')
    .execute();
  return states.flatMap((s) => {
    const firstDay = s.cursor ? (JSON.parse(s.cursor) as { firstDay?: string }).firstDay : null;
    return firstDay ? [{ repo_id: s.scope, day: firstDay }] : [];
  });
}
