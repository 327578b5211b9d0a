import type { Kysely } from 'kysely';
import type { CollectionRun, Database } from '../schema.js';

export async function insertRun(
  db: Kysely<Database>,
  run: { id: string; source: CollectionRun['source']; started_at: string },
): Promise<void> {
  await db
    .insertInto('collection_run')
    .values({ ...run, finished_at: null, ok: null, error: null, detail: null })
    .execute();
}

export async function finishRun(
  db: Kysely<Database>,
  id: string,
  outcome: Pick<
    CollectionRun,
    'finished_at' | 'ok' | 'requests' | 'points' | 'rows' | 'error' | 'detail'
  >,
): Promise<void> {
  await db.updateTable('collection_run').set(outcome).where('id', '=', id).execute();
}

export async function listRecentRuns(
  db: Kysely<Database>,
  limit: number,
): Promise<CollectionRun[]> {
  return db
    .selectFrom('collection_run')
    .selectAll()
    .orderBy('started_at', 'desc')
    .limit(limit)
    .execute();
}
