/** Reads of raw rows for the daily rollups, and the rollups themselves (`daily_metric`). */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { inChunks } from './chunks.js';
import { saveSyncState } from './sync-state.js';

export async function listRepos(db: Kysely<Database>) {
  return db.selectFrom('repo').select(['id', 'full_name']).orderBy('full_name').execute();
}

export async function listStars(db: Kysely<Database>) {
  return db.selectFrom('star').select(['repo_id', 'starred_at']).execute();
}

export async function listRepoSnapshots(db: Kysely<Database>) {
  return db.selectFrom('repo_snapshot').select(['repo_id', 'day', 'stars', 'forks']).execute();
}

export async function listPullRequestTimes(db: Kysely<Database>) {
  return db
    .selectFrom('pull_request')
    .select(['repo_id', 'created_at', 'merged_at', 'first_review_at'])
    .where('author_is_bot', '=', 0)
    .execute();
}

export async function listIssueTimes(db: Kysely<Database>) {
  return db
    .selectFrom('issue')
    .select(['repo_id', 'created_at', 'closed_at', 'first_response_at'])
    .where('author_is_bot', '=', 0)
    .execute();
}

export async function listContributions(db: Kysely<Database>) {
  return db.selectFrom('contribution').select(['repo_id', 'contributor', 'at']).execute();
}

export async function listDiscordSnapshots(db: Kysely<Database>) {
  return db
    .selectFrom('discord_snapshot')
    .select(['taken_at', 'member_count', 'presence_count'])
    .orderBy('taken_at')
    .execute();
}

export async function listDiscordMembers(db: Kysely<Database>) {
  return db.selectFrom('discord_member').select(['joined_at', 'left_at']).execute();
}

export async function listManualValues(db: Kysely<Database>) {
  return db.selectFrom('manual_value').select(['metric', 'at', 'value']).execute();
}

export interface DailyRow {
  metric: string;
  scope: string;
  day: string;
  value: number | null;
}

/**
 * Replaces every rollup with `rows`, in one transaction (readers see the old set or the new one),
 * and stamps a new rollup version so API caches in every process know to recompute.
 */
export async function replaceDailyMetrics(
  db: Kysely<Database>,
  rows: readonly DailyRow[],
  version: string,
  at: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('daily_metric').execute();
    await inChunks(rows, (chunk) => trx.insertInto('daily_metric').values(chunk).execute(), 500);
    await saveSyncState(trx, {
      resource: 'rollups',
      scope: 'all',
      cursor: version,
      etag: null,
      status: 'ok',
      detail: `${rows.length} rows`,
      updated_at: at,
    });
  });
}

/** The version stamped by the last rollup refresh, or null before the first. */
export async function findRollupVersion(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('sync_state')
    .select('cursor')
    .where('resource', '=', 'rollups')
    .where('scope', '=', 'all')
    .executeTakeFirst();
  return row?.cursor ?? null;
}

export async function readDailySeries(
  db: Kysely<Database>,
  metric: string,
  scope: string,
  from?: string,
  to?: string,
) {
  let query = db
    .selectFrom('daily_metric')
    .select(['day as t', 'value as v'])
    .where('metric', '=', metric)
    .where('scope', '=', scope);
  if (from) query = query.where('day', '>=', from);
  if (to) query = query.where('day', '<=', to);
  return query.orderBy('day').execute();
}

/** The metrics that have rollups (scope 'all'). */
export async function listRolledUpMetrics(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('daily_metric')
    .select('metric')
    .where('scope', '=', 'all')
    .distinct()
    .execute();
  return rows.map((r) => r.metric);
}
