/** Times counted by quarter hour: what a list of many events (stars, forks) is loaded as. */
import { sql, type RawBuilder } from 'kysely';

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
