import { sql, type Kysely } from 'kysely';
import type { CollectionRun, Database } from '../schema.js';

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/** The newest finished collection run, of one source or of any. */
export async function findLastFinishedRun(
  db: Kysely<Database>,
  source?: CollectionRun['source'],
): Promise<CollectionRun | undefined> {
  let query = db.selectFrom('collection_run').selectAll().where('finished_at', 'is not', null);
  if (source) query = query.where('source', '=', source);
  return query.orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
}

/**
 * The first failed run of `source`'s current failing streak: the oldest failure finished after its
 * newest success (or ever, when it never succeeded). Undefined when no failure follows a success.
 */
export async function findFirstFailureOfStreak(
  db: Kysely<Database>,
  source: CollectionRun['source'],
): Promise<CollectionRun | undefined> {
  const lastSuccess = await db
    .selectFrom('collection_run')
    .select('finished_at')
    .where('source', '=', source)
    .where('ok', '=', 1)
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  let query = db
    .selectFrom('collection_run')
    .selectAll()
    .where('source', '=', source)
    .where('ok', '=', 0)
    .where('finished_at', 'is not', null);
  if (lastSuccess?.finished_at) query = query.where('finished_at', '>', lastSuccess.finished_at);
  return query.orderBy('finished_at', 'asc').limit(1).executeTakeFirst();
}
