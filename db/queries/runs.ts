import type { Kysely } from 'kysely';
import type { CollectionRun, Database, RunDetail } from '../schema.js';

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

/**
 * Runs that never finished because their process died (killed, crashed, power cut): marked failed.
 * Only called by the holder of the collection lease, so no live pass is among them.
 */
export async function closeAbandonedRuns(
  db: Kysely<Database>,
  finishedAt: string,
): Promise<number> {
  const result = await db
    .updateTable('collection_run')
    .set({
      finished_at: finishedAt,
      ok: 0,
      error:
        'The collector stopped during this pass (killed or crashed); the next pass resumed where it stopped.',
    })
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A run's `detail`, read (nothing to say: no notes). */
export function readRunDetail(run: Pick<CollectionRun, 'detail'>): RunDetail {
  return { notes: [], ...(run.detail ? (JSON.parse(run.detail) as Partial<RunDetail>) : {}) };
}
