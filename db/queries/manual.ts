import type { Kysely } from 'kysely';
import type { Database, ManualValueTable } from '../schema.js';

/** Records a manual metric's value for a day; recording the same day again replaces it. */
export async function upsertManualValue(
  db: Kysely<Database>,
  row: ManualValueTable,
): Promise<void> {
  await db
    .insertInto('manual_value')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['metric', 'at']).doUpdateSet({
        value: row.value,
        recorded_at: row.recorded_at,
        source: row.source,
      }),
    )
    .execute();
}
