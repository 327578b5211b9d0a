/**
 * Named leases: a lock that several processes share through the database and that runs out when its
 * holder dies. Taking one is a single upsert, atomic on SQLite and PostgreSQL alike.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export async function acquireLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date,
): Promise<boolean> {
  const acquired_at = now.toISOString();
  const expires_at = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto('lease')
    .values({ name, holder, acquired_at, expires_at })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, acquired_at, expires_at })
        .where((eb) =>
          eb.or([eb('lease.expires_at', '<', acquired_at), eb('lease.holder', '=', holder)]),
        ),
    )
    .execute();
  const row = await findLease(db, name);
  return row?.holder === holder;
}

export async function renewLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
  ttlMs: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('lease')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

export async function releaseLease(
  db: Kysely<Database>,
  name: string,
  holder: string,
): Promise<void> {
  await db.deleteFrom('lease').where('name', '=', name).where('holder', '=', holder).execute();
}

export async function findLease(db: Kysely<Database>, name: string) {
  return db.selectFrom('lease').selectAll().where('name', '=', name).executeTakeFirst();
}
