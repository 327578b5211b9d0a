/**
 * What the rollups have not seen: per source table the earliest time written since the last refresh
 * (`rollup_change`, kept by triggers), and the basis of the last refresh (its day and time zone).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { saveSyncState } from './sync-state.js';

/**
 * Moves the new changes to `taken` (where those of a refresh that died still are) and returns, per
 * source table, the earliest time a refresh must look at. Tables absent were not touched.
 */
export async function takeRollupChanges(db: Kysely<Database>): Promise<Map<string, string>> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('rollup_change').selectAll().execute();
    const taken = new Map<string, string>();
    for (const row of rows) {
      const times = [row.since, row.taken].filter((t): t is string => t !== null);
      if (times.length === 0) continue;
      const earliest = times.reduce((a, b) => (a < b ? a : b));
      taken.set(row.source, earliest);
      if (row.since !== null)
        await trx
          .updateTable('rollup_change')
          .set({ since: null, taken: earliest })
          .where('source', '=', row.source)
          .execute();
    }
    return taken;
  });
}

/** The refresh that took the changes wrote its rollups: they are seen. */
export async function settleRollupChanges(db: Kysely<Database>): Promise<void> {
  await db
    .updateTable('rollup_change')
    .set({ taken: null })
    .where('taken', 'is not', null)
    .execute();
}

export interface RollupBasis {
  /** The project's day the last refresh computed up to. */
  today: string;
  timeZone: string;
}

export async function findRollupBasis(db: Kysely<Database>): Promise<RollupBasis | null> {
  const row = await findRollupNote(db, 'basis');
  return row?.cursor && row.etag ? { today: row.cursor, timeZone: row.etag } : null;
}

export const saveRollupBasis = (db: Kysely<Database>, basis: RollupBasis, at: string) =>
  saveRollupNote(db, 'basis', basis.today, at, basis.timeZone);

/**
 * No basis: the next refresh rebuilds everything. A full rebuild forgets it before it writes, so a
 * rebuild stopped (Ctrl-C) or killed half-way is done again, not continued incrementally.
 */
export async function forgetRollupBasis(db: Kysely<Database>): Promise<void> {
  await db
    .deleteFrom('sync_state')
    .where('resource', '=', 'rollups')
    .where('scope', '=', 'basis')
    .execute();
}

/** One of the rollups' own notes in `sync_state` (resource `rollups`): its row, if any. */
function findRollupNote(db: Kysely<Database>, scope: string) {
  return db
    .selectFrom('sync_state')
    .select(['cursor', 'etag'])
    .where('resource', '=', 'rollups')
    .where('scope', '=', scope)
    .executeTakeFirst();
}

async function saveRollupNote(
  db: Kysely<Database>,
  scope: string,
  cursor: string | null,
  at: string,
  etag: string | null = null,
): Promise<void> {
  await saveSyncState(db, {
    resource: 'rollups',
    scope,
    cursor,
    etag,
    status: 'ok',
    detail: null,
    updated_at: at,
  });
}

/**
 * Where the collected Discord posts began when the rollups were last computed (the activity
 * metrics read it, and no trigger watches it); undefined when no refresh has said yet.
 */
export async function findRollupActivityStart(
  db: Kysely<Database>,
): Promise<string | null | undefined> {
  const row = await findRollupNote(db, 'discord-history');
  return row === undefined ? undefined : row.cursor;
}

export const saveRollupActivityStart = (db: Kysely<Database>, start: string | null, at: string) =>
  saveRollupNote(db, 'discord-history', start, at);

/** The version of the rollup rules the stored rollups were computed by (null: none said yet). */
export async function findRollupRules(db: Kysely<Database>): Promise<string | null> {
  return (await findRollupNote(db, 'rules'))?.cursor ?? null;
}

export const saveRollupRules = (db: Kysely<Database>, rules: string, at: string) =>
  saveRollupNote(db, 'rules', rules, at);
