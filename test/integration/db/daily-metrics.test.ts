import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  findRollupVersion,
  replaceDailyMetrics,
  type DailyRow,
} from '../../../db/queries/metrics.js';
import { addDays } from '../../../shared/dates.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

/** `days` consecutive days of `metric` in `scope`, valued by `value(i)`. */
const series = (
  metric: string,
  scope: string,
  days: number,
  value: (i: number) => number | null,
): DailyRow[] =>
  Array.from({ length: days }, (_, i) => ({
    metric,
    scope,
    day: addDays('2025-01-01', i),
    value: value(i),
  }));

const stored = async (database: OpenTestDatabase) =>
  (
    await database.db
      .selectFrom('daily_metric')
      .select(['metric', 'scope', 'day', 'value'])
      .orderBy('metric')
      .orderBy('scope')
      .orderBy('day')
      .execute()
  ).map((r) => ({ ...r, value: r.value === null ? null : Number(r.value) }));

const sorted = (rows: DailyRow[]) =>
  [...rows].sort((a, b) =>
    `${a.metric} ${a.scope} ${a.day}` < `${b.metric} ${b.scope} ${b.day}` ? -1 : 1,
  );

describe.each(DIALECTS)('replaceDailyMetrics on %s', (dialect) => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database?.drop());

  test('the table ends equal to the rows given: changed values, new days, gone days, series and metrics', async () => {
    const first = [
      ...series('github.stars', 'all', 400, (i) => i * 2),
      ...series('github.stars', 'o/a', 400, (i) => i),
      ...series('github.forks', 'o/b', 30, () => 3),
      ...series('manual.arr', 'all', 10, (i) => (i < 3 ? null : i * 1.5)),
    ];
    await replaceDailyMetrics(database.db, first, 'v1', '2026-01-01T00:00:00Z');
    expect(await stored(database)).toEqual(sorted(first));
    expect(await findRollupVersion(database.db)).toBe('v1');

    const second = [
      ...series('github.stars', 'all', 410, (i) => (i === 5 ? 999 : i * 2)), // one changed, 10 new
      ...series('github.stars', 'o/a', 200, (i) => i), // 200 days gone
      // o/b's forks and all of manual.arr are gone; a new metric appears
      ...series('discord.members', 'all', 20, (i) => (i % 2 ? null : i)),
    ];
    await replaceDailyMetrics(database.db, second, 'v2', '2026-01-02T00:00:00Z');
    expect(await stored(database)).toEqual(sorted(second));
    expect(await findRollupVersion(database.db)).toBe('v2');
  });
});

describe('replaceDailyMetrics on postgres, refreshed again and again', () => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(() => database?.drop());

  test('ten refreshes of unchanged rollups do not grow the table (no dead rows piling up)', async () => {
    const rows = series('github.stars', 'all', 5000, (i) => i);
    await replaceDailyMetrics(database.db, rows, 'a', '2026-01-01T00:00:00Z');
    const size = async () =>
      Number(
        (
          await sql<{
            bytes: string;
          }>`select pg_total_relation_size('daily_metric') as bytes`.execute(database.db)
        ).rows[0]!.bytes,
      );
    const after1 = await size();
    for (let i = 0; i < 10; i++) {
      const today = rows.map((r, j) => (j === rows.length - 1 ? { ...r, value: i } : r));
      await replaceDailyMetrics(database.db, today, `b${i}`, '2026-01-01T00:00:00Z');
    }
    expect(await size()).toBeLessThanOrEqual(after1 * 1.1);
  });
});
