/**
 * What the rollups have not seen yet: per table the rollups read, the earliest instant (or day) a
 * write since the last refresh touched. Kept by triggers, so every writer (collectors, `record`,
 * `db copy`, tests) is covered without remembering to. An insert or delete touches the row's
 * earliest time; an update touches the old and new values of each time column that changed, and the
 * row's anchor time when a column counted at that time changed (a first response counts on the
 * item's creation day). `since` collects new changes; a refresh moves them to `taken` and clears
 * `taken` once its rollups are written, so a refresh that dies leaves them for the next. Frozen.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

interface Tracked {
  table: string;
  times: string[];
  /** Columns whose change touches the anchor time (the first of `times`). */
  anchored: string[];
}

const TRACKED: Tracked[] = [
  { table: 'star', times: ['starred_at'], anchored: [] },
  { table: 'star_day', times: ['starts_at'], anchored: ['stars'] },
  { table: 'repo_snapshot', times: ['day'], anchored: ['stars', 'forks'] },
  {
    table: 'pull_request',
    times: ['created_at', 'merged_at', 'closed_at'],
    anchored: ['first_review_at', 'author_is_bot', 'repo_id'],
  },
  {
    table: 'issue',
    times: ['created_at', 'closed_at'],
    anchored: ['first_response_at', 'author_is_bot', 'repo_id'],
  },
  { table: 'contribution', times: ['at'], anchored: ['contributor', 'repo_id'] },
  { table: 'fork', times: ['created_at'], anchored: ['owner', 'owner_type'] },
  { table: 'discord_snapshot', times: ['taken_at'], anchored: ['member_count', 'presence_count'] },
  { table: 'discord_member', times: ['joined_at', 'left_at'], anchored: [] },
  { table: 'discord_message', times: ['posted_at'], anchored: ['author_hash'] },
  {
    table: 'github_discussion',
    times: ['created_at', 'first_response_at', 'answer_at'],
    anchored: ['author', 'author_is_bot', 'answerable', 'author_association'],
  },
  { table: 'manual_value', times: ['at'], anchored: ['value'] },
  { table: 'traffic_day', times: ['day'], anchored: ['count', 'uniques'] },
  { table: 'release_asset_count', times: ['day'], anchored: ['downloads'] },
  { table: 'package_download_day', times: ['day'], anchored: ['downloads'] },
  { table: 'docker_pull_snapshot', times: ['day'], anchored: ['pull_count'] },
];

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_change')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('since', 'text')
    .addColumn('taken', 'text')
    .execute();
  await db
    .insertInto('rollup_change')
    .values(TRACKED.map((t) => ({ source: t.table, since: null, taken: null })))
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await postgresTriggers(db);
  else for (const t of TRACKED) for (const s of sqliteTriggers(t)) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of TRACKED)
    for (const op of ['insert', 'update', 'delete'])
      await sql
        .raw(
          postgres
            ? `DROP TRIGGER IF EXISTS rollup_change_${op} ON ${t.table}`
            : `DROP TRIGGER IF EXISTS rollup_change_${t.table}_${op}`,
        )
        .execute(db);
  if (postgres) await sql.raw('DROP FUNCTION IF EXISTS rollup_touch()').execute(db);
  await db.schema.dropTable('rollup_change').execute();
}

/** SQLite: `min(…, '~')` of the touched times ('~' sorts after any date: nothing touched). */
function sqliteTriggers({ table, times, anchored }: Tracked): string[] {
  const all = (row: 'NEW' | 'OLD') =>
    `min(${times.map((c) => `coalesce(${row}.${c}, '~')`).join(', ')}, '~')`;
  const changed = [
    ...times.map(
      (c) =>
        `coalesce(CASE WHEN OLD.${c} IS NOT NEW.${c} THEN min(coalesce(OLD.${c}, '~'), coalesce(NEW.${c}, '~')) END, '~')`,
    ),
    ...anchored.map(
      (c) => `coalesce(CASE WHEN OLD.${c} IS NOT NEW.${c} THEN NEW.${times[0]} END, '~')`,
    ),
  ];
  const touch = (x: string) =>
    `UPDATE rollup_change SET since = ${x} WHERE source = '${table}' AND ${x} < coalesce(since, '~');`;
  return [
    `CREATE TRIGGER rollup_change_${table}_insert AFTER INSERT ON ${table} BEGIN ${touch(all('NEW'))} END`,
    `CREATE TRIGGER rollup_change_${table}_delete AFTER DELETE ON ${table} BEGIN ${touch(all('OLD'))} END`,
    `CREATE TRIGGER rollup_change_${table}_update AFTER UPDATE ON ${table} BEGIN ${touch(`min(${changed.join(', ')}, '~')`)} END`,
  ];
}

/** PostgreSQL: one function, told each table's columns by the trigger's arguments. */
async function postgresTriggers(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION rollup_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  times text[] := string_to_array(TG_ARGV[0], ',');
  anchored text[] := string_to_array(TG_ARGV[1], ',');
  o jsonb; n jsonb; x text; c text;
BEGIN
  IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF;
  FOREACH c IN ARRAY times LOOP
    IF TG_OP = 'UPDATE' AND (o -> c) IS NOT DISTINCT FROM (n -> c) THEN CONTINUE; END IF;
    x := LEAST(x COLLATE "C", o ->> c, n ->> c);
  END LOOP;
  IF TG_OP = 'UPDATE' THEN
    FOREACH c IN ARRAY anchored LOOP
      IF (o -> c) IS DISTINCT FROM (n -> c) THEN x := LEAST(x COLLATE "C", n ->> times[1]); END IF;
    END LOOP;
  END IF;
  IF x IS NOT NULL THEN
    UPDATE rollup_change SET since = x
      WHERE source = TG_TABLE_NAME AND (since IS NULL OR since COLLATE "C" > x COLLATE "C");
  END IF;
  RETURN NULL;
END $$`,
    )
    .execute(db);
  for (const { table, times, anchored } of TRACKED)
    for (const op of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `CREATE TRIGGER rollup_change_${op} AFTER ${op.toUpperCase()} ON ${table} FOR EACH ROW EXECUTE FUNCTION rollup_touch('${times.join(',')}', '${anchored.join(',')}')`,
        )
        .execute(db);
}
