/** Discord posts (hashed author, time) and the install's salt for that hash. */
import { sql, type Kysely } from 'kysely';
import { quarterHourOf } from './quarter-hour.js';
import type { Database, DiscordMessageTable } from '../schema.js';
import { inChunks } from './chunks.js';

/**
 * The secret called `name`, made by `make` the first time anyone asks. Two processes asking at
 * once both insert-or-ignore, then read the one row that won, so every process hashes alike.
 */
export async function findOrCreateInstallSecret(
  db: Kysely<Database>,
  name: string,
  make: () => string,
  now: string,
): Promise<string> {
  await db
    .insertInto('install_secret')
    .values({ name, value: make(), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('install_secret')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}

/** A message never changes author or time: a second sighting is ignored. */
export async function insertDiscordMessages(
  db: Kysely<Database>,
  rows: readonly DiscordMessageTable[],
): Promise<number> {
  let inserted = 0;
  await inChunks(rows, async (chunk) => {
    const result = await db
      .insertInto('discord_message')
      .values(chunk)
      .onConflict((oc) => oc.columns(['guild_id', 'message_id']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  });
  return inserted;
}

/** Where the collected posts begin (the first pass's backfill start), per guild; null before any pass. */
export async function findPostsHistoryStart(
  db: Kysely<Database>,
  guildId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('sync_state')
    .select('cursor')
    .where('resource', '=', 'discord_activity')
    .where('scope', '=', guildId)
    .executeTakeFirst();
  return row?.cursor ?? null;
}

/** Where the collected posts of every guild begin: the latest guild's start (null: none yet). */
export async function findActivityHistoryStart(db: Kysely<Database>): Promise<string | null> {
  const starts = await db
    .selectFrom('sync_state')
    .select('cursor')
    .where('resource', '=', 'discord_activity')
    .execute();
  return starts
    .map((s) => s.cursor)
    .filter((c): c is string => c !== null)
    .reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);
}

/**
 * What the rollups read: every guild's posts (from a time on, for an incremental refresh: those of
 * the days it recomputes and of their windows), and where the collected history begins.
 */
export async function listDiscordActivity(
  db: Kysely<Database>,
  from: string | null = null,
): Promise<{
  historyFrom: string | null;
  posts: { author_hash: string; posted_at: string; count: number }[];
}> {
  return {
    historyFrom: await findActivityHistoryStart(db),
    posts: await listPostCounts(db, from),
  };
}

/**
 * Every guild's posts as how many each author made in each quarter hour (all on one project day
 * wherever the project is, see quarter-hour.ts), the author by the first 16 hex digits of the hash
 * (64 bits: for a million authors a collision is about 1 in 30 million): a busy server's year of
 * posts, loaded whole by a full rebuild, is a fraction of its rows and bytes.
 */
async function listPostCounts(
  db: Kysely<Database>,
  from: string | null,
): Promise<{ author_hash: string; posted_at: string; count: number }[]> {
  const author = sql<string>`substr(author_hash, 1, 16)`;
  const quarterHour = quarterHourOf('posted_at');
  let query = db
    .selectFrom('discord_message')
    .select((eb) => [
      author.as('author_hash'),
      quarterHour.as('posted_at'),
      eb.fn.countAll<number | string>().as('count'),
    ])
    .groupBy([author, quarterHour]);
  if (from !== null) query = query.where('posted_at', '>=', from);
  const rows = await query.execute();
  // PostgreSQL counts as text (bigint); converted in place, not copied (a year of posts is many rows).
  for (const row of rows) row.count = Number(row.count);
  return rows as { author_hash: string; posted_at: string; count: number }[];
}
