/** GitHub traffic archived past GitHub's 14 days (`traffic_day`, `traffic_referrer`). */
import type { Kysely } from 'kysely';
import type { Database, TrafficDayTable, TrafficReferrerTable } from '../schema.js';
import { inChunks } from './chunks.js';
import { findLatestReadDay } from './latest-day.js';

/** Days as GitHub reports them now: the newest (partial) day is overwritten by later reads. */
export async function upsertTrafficDays(
  db: Kysely<Database>,
  rows: readonly TrafficDayTable[],
): Promise<void> {
  await writeTrafficDays(db, rows, 'replace');
}

/**
 * Days GitHub left out of its answer (it lists only days with traffic) stored as 0, but never over a
 * day already stored: a day it once reported does not turn into "none" by being left out.
 */
export async function insertQuietTrafficDays(
  db: Kysely<Database>,
  rows: readonly TrafficDayTable[],
): Promise<void> {
  await writeTrafficDays(db, rows, 'keep');
}

async function writeTrafficDays(
  db: Kysely<Database>,
  rows: readonly TrafficDayTable[],
  stored: 'replace' | 'keep',
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('traffic_day')
      .values(chunk)
      .onConflict((oc) => {
        const day = oc.columns(['repo_id', 'kind', 'day']);
        if (stored === 'keep') return day.doNothing();
        return day.doUpdateSet((eb) => ({
          count: eb.ref('excluded.count'),
          uniques: eb.ref('excluded.uniques'),
          read_at: eb.ref('excluded.read_at'),
        }));
      })
      .execute(),
  );
}

/** The top referrers as read on a day replace that day's earlier read. */
export async function replaceTrafficReferrers(
  db: Kysely<Database>,
  repoId: string,
  day: string,
  rows: readonly TrafficReferrerTable[],
): Promise<void> {
  await db
    .deleteFrom('traffic_referrer')
    .where('repo_id', '=', repoId)
    .where('day', '=', day)
    .execute();
  if (rows.length > 0)
    await db
      .insertInto('traffic_referrer')
      .values([...rows])
      .execute();
}

/** Every stored traffic day: the rollups' input. */
export async function listTrafficDays(db: Kysely<Database>) {
  return db
    .selectFrom('traffic_day')
    .select(['repo_id', 'kind', 'day', 'count', 'uniques'])
    .orderBy('repo_id')
    .orderBy('kind')
    .orderBy('day')
    .execute();
}

/** A repository's top referrers as last read (on or before `day`), most views first. */
export async function listTopReferrers(db: Kysely<Database>, repoId: string, day: string) {
  const lastDay = await findLatestReadDay(db, 'traffic_referrer', repoId, day);
  if (lastDay === null) return [];
  return db
    .selectFrom('traffic_referrer')
    .select(['referrer', 'count', 'uniques', 'day'])
    .where('repo_id', '=', repoId)
    .where('day', '=', lastDay)
    .orderBy('count', 'desc')
    .orderBy('referrer')
    .execute();
}
