/** Times counted by quarter hour: what a list of many events (stars, forks) is loaded as. */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema.js';

/**
 * The start of the quarter hour of a UTC time column (`YYYY-MM-DDTHH:MM…Z`, as GitHub gives them).
 * Every time zone's offset is a whole number of quarter hours, so the events of one quarter hour fall
 * on one project day wherever the project is: counted by it, a list of a million events loads as at
 * most 35,040 rows a repository and year.
 */
export function quarterHourOf(column: string): RawBuilder<string> {
  const minutes = sql`substr(${sql.ref(column)}, 15, 2)`;
  return sql<string>`substr(${sql.ref(column)}, 1, 14) || case
    when ${minutes} < '15' then '00'
    when ${minutes} < '30' then '15'
    when ${minutes} < '45' then '30'
    else '45' end || ':00Z'`;
}

/**
 * A list of events per repository (`star` by `starred_at`, `fork` by `created_at`) as how many
 * happened in each quarter hour (`at`, its start); from a time on: those since, and each
 * repository's older ones as one row standing for all of them, at the earliest, so the totals stay
 * exact and an incremental refresh does not read the whole list.
 */
export async function countedByQuarterHour(
  db: Kysely<Database>,
  table: 'star' | 'fork',
  column: 'starred_at' | 'created_at',
  from: string | null,
): Promise<{ repo_id: string; at: string; count: number }[]> {
  type Row = { repo_id: string; at: string; count: number | string };
  const time = sql.ref(column);
  const quarterHour = quarterHourOf(column);
  const since = from === null ? sql`` : sql`where ${time} >= ${from}`;
  const recent = await sql<Row>`select repo_id, ${quarterHour} as at, count(*) as count
    from ${sql.table(table)} ${since} group by repo_id, ${quarterHour}`.execute(db);
  const older =
    from === null
      ? { rows: [] }
      : await sql<Row>`select repo_id, min(${time}) as at, count(*) as count
          from ${sql.table(table)} where ${time} < ${from} group by repo_id`.execute(db);
  const rows = [...older.rows, ...recent.rows];
  // PostgreSQL counts as text (bigint); converted in place, not copied (a million stars' worth).
  for (const row of rows) row.count = Number(row.count);
  return rows as { repo_id: string; at: string; count: number }[];
}
