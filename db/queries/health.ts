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
