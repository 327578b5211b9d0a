import type { Kysely } from 'kysely';
import type { Database, SyncStateTable } from '../schema.js';

export type SyncState = SyncStateTable;

export async function findSyncState(
  db: Kysely<Database>,
  resource: string,
  scope: string,
): Promise<SyncState | undefined> {
  return db
    .selectFrom('sync_state')
    .selectAll()
    .where('resource', '=', resource)
    .where('scope', '=', scope)
    .executeTakeFirst();
}

export async function saveSyncState(db: Kysely<Database>, state: SyncState): Promise<void> {
  await db
    .insertInto('sync_state')
    .values(state)
    .onConflict((oc) =>
      oc.columns(['resource', 'scope']).doUpdateSet({
        cursor: state.cursor,
        etag: state.etag,
        status: state.status,
        detail: state.detail,
        updated_at: state.updated_at,
      }),
    )
    .execute();
}
