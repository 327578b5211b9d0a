/** Reads of raw rows for the daily rollups, and the rollups themselves (`daily_metric`). */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { inChunks } from './chunks.js';
import { saveSyncState } from './sync-state.js';

export async function listRepos(db: Kysely<Database>) {
  return db.selectFrom('repo').select(['id', 'full_name']).orderBy('full_name').execute();
}

/**
 * Snapshots; from a day on: those of that day on, plus each repository's last one before it (the
 * level carried into the first day).
 */
export async function listRepoSnapshots(db: Kysely<Database>, from: string | null = null) {
  const query = db.selectFrom('repo_snapshot').select(['repo_id', 'day', 'stars', 'forks']);
  if (from === null) return query.execute();
  const carried = await db
    .selectFrom('repo_snapshot as s')
    .select(['s.repo_id', 's.day', 's.stars', 's.forks'])
    .where('s.day', '=', (eb) =>
      eb
        .selectFrom('repo_snapshot as b')
        .select((b) => b.fn.max('b.day').as('d'))
        .whereRef('b.repo_id', '=', 's.repo_id')
        .where('b.day', '<', from),
    )
    .execute();
  return [...carried, ...(await query.where('day', '>=', from).execute())];
}

/**
 * Which rows the refresh reads: those with a time in one of the ranges (`from` included, `to`
 * excluded, null: open-ended), sorted and apart; null: every row.
 */
export type TimeRanges = readonly (readonly [string, string | null])[] | null;

/** The earliest time the ranges cover (null: all). */
export const lowestTime = (ranges: TimeRanges): string | null => ranges?.[0]?.[0] ?? null;

/** `column` lies in one of `ranges` (each an index range, so SQLite ORs the index searches). */
function inRanges<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: readonly string[],
  ranges: NonNullable<TimeRanges>,
) {
  const ref = (column: string) => sql.ref(column);
  return eb.or(
    columns.flatMap((column) =>
      ranges.map(([from, to]) =>
        to === null
          ? eb(ref(column), '>=', from)
          : eb.and([eb(ref(column), '>=', from), eb(ref(column), '<', to)]),
      ),
    ),
  );
}

/**
 * Pull requests (not bots'); within ranges: those created, merged or closed in one. One query: each
 * time index holds the columns selected (migration 0013), so SQLite reads each range from its index
 * and every row once (an OR across the columns of narrow indexes made it scan the table instead).
 */
export async function listPullRequestTimes(db: Kysely<Database>, ranges: TimeRanges = null) {
  let query = db
    .selectFrom('pull_request')
    .select(['repo_id', 'created_at', 'merged_at', 'closed_at', 'first_review_at'])
    .where('author_is_bot', '=', 0);
  if (ranges !== null)
    query = query.where((eb) => inRanges(eb, ['created_at', 'merged_at', 'closed_at'], ranges));
  return query.execute();
}

/** Issues (not bots'); within ranges: those created or closed in one (one query, as above). */
export async function listIssueTimes(db: Kysely<Database>, ranges: TimeRanges = null) {
  let query = db
    .selectFrom('issue')
    .select(['repo_id', 'created_at', 'closed_at', 'first_response_at'])
    .where('author_is_bot', '=', 0);
  if (ranges !== null)
    query = query.where((eb) => inRanges(eb, ['created_at', 'closed_at'], ranges));
  return query.execute();
}

/** Contributions; within ranges: those in one. */
export async function listContributions(db: Kysely<Database>, ranges: TimeRanges = null) {
  const query = db.selectFrom('contribution').select(['repo_id', 'contributor', 'at']);
  if (ranges === null) return query.execute();
  return query.where((eb) => inRanges(eb, ['at'], ranges)).execute();
}

/**
 * Who is new from `from` on, for an incremental refresh: the first contribution in every
 * repository of each person whose first in some repository is at `from` or later (the earlier
 * firsts elsewhere say whether they are new to the project too). Read from `first_contribution`
 * (kept by triggers), through its indexes by time and by person (migration 0015): the read grows
 * with the people new since, not with everyone who ever contributed.
 */
export async function listNewContributorFirsts(db: Kysely<Database>, from: string) {
  return db
    .selectFrom('first_contribution')
    .select(['repo_id', 'contributor', 'at'])
    .where('contributor', 'in', (eb) =>
      eb.selectFrom('first_contribution').select('contributor').where('at', '>=', from),
    )
    .execute();
}

/** Discord snapshots; from a time on: those from then on, plus the last one before (carried in). */
export async function listDiscordSnapshots(db: Kysely<Database>, ranges: TimeRanges = null) {
  const columns = ['taken_at', 'member_count', 'presence_count'] as const;
  const query = db.selectFrom('discord_snapshot').select(columns).orderBy('taken_at');
  const from = lowestTime(ranges);
  if (from === null) return query.execute();
  const before = await db
    .selectFrom('discord_snapshot')
    .select(columns)
    .where('taken_at', '<', from)
    .orderBy('taken_at', 'desc')
    .limit(1)
    .execute();
  return [...before, ...(await query.where('taken_at', '>=', from).execute())];
}

/** Discord members; within ranges: those who joined or left in one. */
export async function listDiscordMembers(db: Kysely<Database>, ranges: TimeRanges = null) {
  let query = db.selectFrom('discord_member').select(['joined_at', 'left_at']);
  if (ranges !== null) query = query.where((eb) => inRanges(eb, ['joined_at', 'left_at'], ranges));
  return query.execute();
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

/** Rows written per transaction: keeps each hold on SQLite's write lock well under a second. */
const ROWS_PER_TRANSACTION = 1_000;

/**
 * Makes `daily_metric` hold exactly `rows`, writing only what differs (new or changed values are
 * upserted, days and series that are gone are deleted), one metric at a time and in short
 * transactions: other writers never wait long, and PostgreSQL updates rows in place instead of
 * piling up dead ones. The new rollup version is stamped last, so API caches in every process
 * recompute once the rollups are complete.
 */
export async function replaceDailyMetrics(
  db: Kysely<Database>,
  rows: readonly DailyRow[],
  version: string,
  at: string,
): Promise<void> {
  const byMetric = new Map<string, DailyRow[]>();
  for (const row of rows) {
    const list = byMetric.get(row.metric);
    if (list) list.push(row);
    else byMetric.set(row.metric, [row]);
  }
  const stored = await db.selectFrom('daily_metric').select('metric').distinct().execute();
  for (const { metric } of stored)
    if (!byMetric.has(metric))
      await db.deleteFrom('daily_metric').where('metric', '=', metric).execute();
  for (const [metric, wanted] of byMetric) await writeMetricRollups(db, metric, wanted);
  await stampRollupVersion(db, version, at, `${rows.length} rows`);
}

/** Drops every rollup of `metric` (a metric no longer computed). */
export async function deleteMetricRollups(db: Kysely<Database>, metric: string): Promise<void> {
  await db.deleteFrom('daily_metric').where('metric', '=', metric).execute();
}

/** Stamps a new rollup version once the rollups are complete (API caches recompute on it). */
export async function stampRollupVersion(
  db: Kysely<Database>,
  version: string,
  at: string,
  detail: string,
): Promise<void> {
  await saveSyncState(db, {
    resource: 'rollups',
    scope: 'all',
    cursor: version,
    etag: null,
    status: 'ok',
    detail,
    updated_at: at,
  });
}

/**
 * Makes one metric's rollups hold exactly `wanted` (from day `since` on, when given: earlier days
 * are kept), writing only what differs, in short transactions.
 */
export async function writeMetricRollups(
  db: Kysely<Database>,
  metric: string,
  wanted: readonly DailyRow[],
  since: string | null = null,
): Promise<void> {
  const key = (scope: string, day: string) => `${scope}\u0000${day}`;
  const current = await readStoredValues(db, metric, since, key);
  const upserts = wanted.filter((row) => {
    const k = key(row.scope, row.day);
    const had = current.get(k);
    current.delete(k);
    return had === undefined || had !== row.value;
  });
  const gone = new Map<string, string[]>();
  for (const k of current.keys()) {
    const [scope, day] = k.split('\u0000') as [string, string];
    const days = gone.get(scope);
    if (days) days.push(day);
    else gone.set(scope, [day]);
  }
  for (const [scope, days] of gone)
    await inChunks(
      days,
      (chunk) =>
        db
          .deleteFrom('daily_metric')
          .where('metric', '=', metric)
          .where('scope', '=', scope)
          .where('day', 'in', chunk)
          .execute(),
      500,
    );
  for (let i = 0; i < upserts.length; i += ROWS_PER_TRANSACTION) {
    const slice = upserts.slice(i, i + ROWS_PER_TRANSACTION);
    await db.transaction().execute((trx) =>
      inChunks(
        slice,
        (chunk) =>
          trx
            .insertInto('daily_metric')
            .values(chunk)
            .onConflict((oc) =>
              oc
                .columns(['metric', 'scope', 'day'])
                .doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
            )
            .execute(),
        500,
      ),
    );
  }
}

/** `metric`'s stored values (from day `since` on, when given) by `key(scope, day)`. */
async function readStoredValues(
  db: Kysely<Database>,
  metric: string,
  since: string | null,
  key: (scope: string, day: string) => string,
): Promise<Map<string, number | null>> {
  const current = new Map<string, number | null>();
  const stored = db
    .selectFrom('daily_metric')
    .select(['scope', 'day', 'value'])
    .where('metric', '=', metric);
  // From a day on: each scope's days through the key, not every day of the metric.
  const scopes = since === null ? null : await listMetricScopes(db, metric);
  const rows =
    scopes === null
      ? await stored.execute()
      : scopes.length === 0
        ? []
        : await stored.where('scope', 'in', scopes).where('day', '>=', since!).execute();
  for (const row of rows)
    current.set(key(row.scope, row.day), row.value === null ? null : Number(row.value));
  return current;
}

/** Per metric of `metrics`, the scopes that have a value stored for `day`, with that value. */
export async function listValuesOnDay(
  db: Kysely<Database>,
  metrics: readonly string[],
  day: string,
): Promise<Map<string, Map<string, number | null>>> {
  const values = new Map(metrics.map((m) => [m, new Map<string, number | null>()]));
  for (const [metric, byScope] of values) {
    const scopes = await listMetricScopes(db, metric);
    if (scopes.length === 0) continue;
    const rows = await db
      .selectFrom('daily_metric')
      .select(['scope', 'value'])
      .where('metric', '=', metric)
      .where('scope', 'in', scopes)
      .where('day', '=', day)
      .execute();
    for (const row of rows) byScope.set(row.scope, row.value === null ? null : Number(row.value));
  }
  return values;
}

/**
 * The scopes `metric` has rollups in, one index seek each: a query on a day (or from a day on)
 * then seeks each scope's days through the (metric, scope, day) key instead of reading every day of
 * every scope of the metric, as `metric = ? AND day = ?` does.
 */
export async function listMetricScopes(db: Kysely<Database>, metric: string): Promise<string[]> {
  const scopes: string[] = [];
  for (;;) {
    let next = db.selectFrom('daily_metric').select('scope').where('metric', '=', metric);
    const last = scopes.at(-1);
    if (last !== undefined) next = next.where('scope', '>', last);
    const row = await next.orderBy('scope').limit(1).executeTakeFirst();
    if (!row) return scopes;
    scopes.push(row.scope);
  }
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
