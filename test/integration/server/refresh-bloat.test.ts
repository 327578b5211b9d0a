/**
 * On PostgreSQL the incremental refresh updates the rollups it recomputes in place and writes only
 * what changed, so hourly passes do not grow the database with dead rows.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addWork, iso, NOW, seed } from '../../helpers/rollup-history.js';

describe('incremental refreshes on postgres', () => {
  let database: OpenTestDatabase;
  afterAll(() => database?.drop());

  test('after ten incremental passes the database is within 10% of its size after the first', async () => {
    database = await openTestDatabase('postgres');
    await seed(database.db, 3, 200);
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    const size = async () =>
      Number(
        (
          await sql<{
            bytes: string;
          }>`select pg_database_size(current_database()) as bytes`.execute(database.db)
        ).rows[0]!.bytes,
      );
    let first = 0;
    for (let pass = 1; pass <= 10; pass++) {
      const now = NOW + pass * 2 * 3_600_000;
      await addWork(database.db, `r${pass % 3}`, 100 + pass, iso(now - 3_600_000));
      await refreshDailyMetrics(database.db, 'UTC', new Date(now));
      if (pass === 1) first = await size();
    }
    expect(await size()).toBeLessThanOrEqual(first * 1.1);
  });
});
