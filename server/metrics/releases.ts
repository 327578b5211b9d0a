/** Release markers for charts: the published releases of one repository or all, within a range. */
import type { Kysely } from 'kysely';
import { listReleases } from '../../db/queries/releases.js';
import type { Database } from '../../db/schema.js';
import { releaseMarkers, type ReleaseMarker } from '../kpi/releases.js';

export async function readReleaseMarkers(
  db: Kysely<Database>,
  timeZone: string,
  scope: string,
  range: { from: string; to: string },
): Promise<ReleaseMarker[]> {
  const releases = await listReleases(db, scope === 'all' ? undefined : scope);
  return releaseMarkers(releases, timeZone, range.from, range.to);
}
