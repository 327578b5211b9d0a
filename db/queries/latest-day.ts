/** "As last read": the newest day a repository has rows for, on or before a given day. */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** Tables read once a day per repository, whose latest read carries on until the next one. */
export type DailyReadTable = 'release_asset_count' | 'traffic_referrer';

export async function findLatestReadDay(
  db: Kysely<Database>,
  table: DailyReadTable,
  repoId: string,
  day: string,
): Promise<string | null> {
  const last = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('day').as('day'))
    .where('repo_id', '=', repoId)
    .where('day', '<=', day)
    .executeTakeFirst();
  return last?.day ?? null;
}
