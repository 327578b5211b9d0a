/**
 * Alert state and events. An event is claimed by inserting its unique key (`on conflict do
 * nothing`): of two processes that see the same change, exactly one gets the row and sends.
 */
import type { Kysely } from 'kysely';
import type { AlertEventStatus, AlertEventTable, CollectionRun, Database } from '../schema.js';

export async function listAlertStates(db: Kysely<Database>) {
  return db.selectFrom('alert_state').selectAll().execute();
}

/** The first observation of a subject; a second process's insert of the same subject does nothing. */
export async function insertAlertState(
  db: Kysely<Database>,
  row: { subject: string; state: string; updated_at: string },
): Promise<void> {
  await db
    .insertInto('alert_state')
    .values({ ...row, version: 1 })
    .onConflict((oc) => oc.column('subject').doNothing())
    .execute();
}

/** Moves a subject to its new state only if nobody moved it since `version` was read. */
export async function advanceAlertState(
  db: Kysely<Database>,
  row: { subject: string; state: string; version: number; updated_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('alert_state')
    .set({ state: row.state, version: row.version + 1, updated_at: row.updated_at })
    .where('subject', '=', row.subject)
    .where('version', '=', row.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** True when this call inserted the event (and so owns sending it). */
export async function claimAlertEvent(
  db: Kysely<Database>,
  row: Pick<AlertEventTable, 'key' | 'kind' | 'subject' | 'title' | 'message' | 'created_at'> & {
    status: AlertEventStatus;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('alert_event')
    .values({
      key: row.key,
      kind: row.kind,
      subject: row.subject,
      title: row.title,
      message: row.message,
      created_at: row.created_at,
      status: row.status,
      sent_at: null,
      channels: null,
      error: null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function finishAlertEvent(
  db: Kysely<Database>,
  key: string,
  outcome: Pick<AlertEventTable, 'status' | 'sent_at' | 'channels' | 'error'>,
): Promise<void> {
  await db.updateTable('alert_event').set(outcome).where('key', '=', key).execute();
}

/** Which of these keys are already claimed (for the dry run). */
export async function findClaimedAlertKeys(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('alert_event').select('key').where('key', 'in', keys).execute();
  return new Set(rows.map((r) => r.key));
}

/** Alerts (or summary lines) that went out, or are going out, since `since`. */
export async function countAlertsSentSince(
  db: Kysely<Database>,
  since: string,
  which: 'alerts' | 'summaries',
): Promise<number> {
  const row = await db
    .selectFrom('alert_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['sending', 'sent', 'failed'])
    .where('kind', which === 'alerts' ? '!=' : '=', 'summary')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listHeldAlerts(db: Kysely<Database>) {
  return db
    .selectFrom('alert_event')
    .select(['key', 'title'])
    .where('status', '=', 'held')
    .orderBy('created_at')
    .execute();
}

export async function markAlertsSummarized(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<void> {
  if (keys.length === 0) return;
  await db
    .updateTable('alert_event')
    .set({ status: 'summarized' })
    .where('key', 'in', keys)
    .where('status', '=', 'held')
    .execute();
}

export async function listAlertEvents(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('alert_event')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('key')
    .limit(limit)
    .execute();
}

/** The newest finished runs of a source, newest first (for failure streaks). */
export async function listFinishedRuns(
  db: Kysely<Database>,
  source: CollectionRun['source'],
  limit: number,
) {
  return db
    .selectFrom('collection_run')
    .select(['id', 'ok', 'error', 'detail', 'finished_at'])
    .where('source', '=', source)
    .where('finished_at', 'is not', null)
    .orderBy('finished_at', 'desc')
    .limit(limit)
    .execute();
}
