/**
 * An upgrade that changes what a metric computes for past days (a new `ROLLUP_RULES`) rebuilds every
 * rollup at its first refresh, where an incremental refresh would keep the stored days before what
 * the pass touched; after that, refreshes are incremental again. Both dialects.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { saveRollupRules } from '../../../db/queries/rollup-changes.js';
import {
  computeFullRollups,
  refreshDailyMetrics,
  ROLLUP_RULES,
} from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addWork, iso, NOW, seed } from '../../helpers/rollup-history.js';

const HOUR = 3_600_000;
let database: OpenTestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe.each(DIALECTS)('rollup rules on %s', (dialect) => {
  test('rollups of older rules are rebuilt whole once, then refreshed incrementally', async () => {
    database = await openTestDatabase(dialect);
    const db = database.db;
    await seed(db, 2, 60);
    await refreshDailyMetrics(db, 'UTC', new Date(NOW));
    const full = (await computeFullRollups(db, 'UTC', new Date(NOW + HOUR))).length;

    // Stored by the rules before: the next refresh, though nothing changed, rebuilds everything.
    await saveRollupRules(db, String(Number(ROLLUP_RULES) - 1), iso(NOW));
    expect(await refreshDailyMetrics(db, 'UTC', new Date(NOW + HOUR))).toBe(full);

    // Then a pass touching today recomputes only today.
    await addWork(db, 'r1', 50, iso(NOW + HOUR));
    const rows = await refreshDailyMetrics(db, 'UTC', new Date(NOW + 2 * HOUR));
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(full / 10);
  });
});
