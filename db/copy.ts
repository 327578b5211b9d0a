/**
 * Copies every row of one Pulseboard database into another (SQLite → PostgreSQL when a team outgrows
 * one machine). The target is brought to the newest schema first and must hold no data; tables go in
 * foreign-key order, in one transaction on the target, then the row counts are compared.
 */
import { sql, type Kysely } from 'kysely';
import { migrateToLatest } from './migrate.js';
import type { Database } from './schema.js';

/** Every table's primary key, parents before children (the order rows are copied in). */
const KEYS: [keyof Database, string[]][] = [
  ['repo', ['id']],
  ['repo_snapshot', ['repo_id', 'day']],
  ['star', ['repo_id', 'stargazer']],
  ['star_day', ['repo_id', 'starts_at']],
  ['traffic_day', ['repo_id', 'kind', 'day']],
  ['traffic_referrer', ['repo_id', 'day', 'referrer']],
  ['release', ['id']],
  ['release_asset_count', ['asset_id', 'day']],
  ['fork', ['repo_id', 'fork_id']],
  ['pull_request', ['repo_id', 'number']],
  ['issue', ['repo_id', 'number']],
  ['contribution', ['repo_id', 'kind', 'ref']],
  ['git_commit', ['repo_id', 'sha']],
  ['contributor', ['id']],
  ['discord_snapshot', ['guild_id', 'taken_at']],
  ['discord_member', ['guild_id', 'member_hash']],
  ['discord_message', ['guild_id', 'message_id']],
  ['install_secret', ['name']],
  ['github_discussion', ['repo_id', 'number']],
  ['manual_value', ['metric', 'at']],
  ['daily_metric', ['metric', 'scope', 'day']],
  ['rollup_window', ['metric', 'scope']],
  ['sync_state', ['resource', 'scope']],
  ['collection_run', ['id']],
  ['digest_delivery', ['week', 'channel']],
  ['alert_state', ['subject']],
  ['alert_event', ['key']],
  ['package_download_day', ['source', 'package', 'day']],
  ['docker_pull_snapshot', ['repository', 'taken_at']],
];

export const TABLES_IN_ORDER: readonly (keyof Database)[] = KEYS.map(([table]) => table);

const CHUNK = 500;

export class CopyError extends Error {
  override name = 'CopyError';
}

export async function countRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES_IN_ORDER) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

export async function copyDatabase(
  source: Kysely<Database>,
  target: Kysely<Database>,
): Promise<Record<string, number>> {
  await migrateToLatest(source);
  await migrateToLatest(target);
  const existing = Object.entries(await countRows(target)).filter(([, n]) => n > 0);
  if (existing.length > 0) {
    throw new CopyError(
      `The target database already holds data (${existing.map(([t, n]) => `${t}: ${n}`).join(', ')}); copy into a new, empty database.`,
    );
  }
  await target.transaction().execute(async (trx) => {
    for (const [table, key] of KEYS) {
      for (let after: Record<string, unknown> | null = null; ;) {
        const rows = await readPage(source, table, key, after);
        if (rows.length === 0) break;
        await trx
          .insertInto(table)
          .values(rows as never)
          .execute();
        if (rows.length < CHUNK) break;
        after = rows[rows.length - 1]!;
      }
    }
  });
  const [from, to] = await Promise.all([countRows(source), countRows(target)]);
  const different = TABLES_IN_ORDER.filter((t) => from[t] !== to[t]);
  if (different.length > 0) {
    throw new CopyError(
      `Row counts differ after the copy for ${different.map((t) => `${t} (${from[t]} → ${to[t]})`).join(', ')}.`,
    );
  }
  return to;
}

/**
 * One page of a table in primary-key order, after the row `after` (keyset paging: each page is an
 * index seek, where OFFSET would re-read every earlier row and make the copy quadratic).
 */
async function readPage(
  source: Kysely<Database>,
  table: keyof Database,
  key: readonly string[],
  after: Record<string, unknown> | null,
): Promise<Record<string, unknown>[]> {
  let query = source.selectFrom(table).selectAll();
  if (after) {
    const columns = sql.join(key.map((column) => sql.ref(column)));
    const values = sql.join(key.map((column) => after[column]));
    query = query.where(sql<boolean>`(${columns}) > (${values})`);
  }
  for (const column of key) query = query.orderBy(column as never);
  return (await query.limit(CHUNK).execute()) as Record<string, unknown>[];
}
