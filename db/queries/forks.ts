/** Forks of tracked repositories and their owners. */
import type { Kysely } from 'kysely';
import type { Database, ForkTable } from '../schema.js';
import { inChunks } from './chunks.js';

export async function upsertForks(db: Kysely<Database>, rows: readonly ForkTable[]): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('fork')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['repo_id', 'fork_id']).doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          owner_type: eb.ref('excluded.owner_type'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute(),
  );
}

/** Fork owners by repository, for the contributing-share rollup. */
export async function listForkOwners(db: Kysely<Database>) {
  return db.selectFrom('fork').select(['repo_id', 'owner', 'owner_type', 'created_at']).execute();
}
