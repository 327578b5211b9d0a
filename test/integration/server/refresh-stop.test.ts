/**
 * A full rebuild stops between two groups of metrics when its signal is aborted (Ctrl-C during
 * `start`'s first refresh): the rollup version is not stamped, and the next refresh rebuilds
 * everything, equal to a clean rebuild.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findRollupVersion } from '../../../db/queries/metrics.js';
import type { Database } from '../../../db/schema.js';
import {
  computeFullRollups,
  refreshDailyMetrics,
  RefreshStoppedError,
} from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import {
  addWork,
  iso,
  NOW,
  rollupLines,
  seed,
  storedRollups,
} from '../../helpers/rollup-history.js';

const HOUR = 3_600_000;

/**
 * A signal that reads as aborted from its `k`th look on. The rebuild looks before each group and
 * again once the group's rows are loaded: look 2n + 1 comes after n groups are written, look 2n
 * after the nth group's rows are loaded (an AbortController cannot be aborted at those points).
 */
function stopAtLook(k: number): AbortSignal {
  let looks = 0;
  return {
    get aborted() {
      return ++looks >= k;
    },
  } as AbortSignal;
}

async function rebuiltRollups(db: Kysely<Database>, now: number) {
  return rollupLines(await computeFullRollups(db, 'UTC', new Date(now)));
}

describe.each(DIALECTS)('a full rebuild stopped half-way on %s', (dialect) => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await seed(database.db, 3, 200);
    for (let i = 0; i < 30; i++)
      await addWork(database.db, `r${i % 3}`, 10 + i, iso(NOW - i * 5 * 24 * HOUR));
  });
  afterAll(() => database.drop());

  test('the first refresh, stopped after two groups, stamps nothing; the next one rebuilds all', async () => {
    const { db } = database;
    const stopped = refreshDailyMetrics(db, 'UTC', new Date(NOW), { signal: stopAtLook(5) });
    await expect(stopped).rejects.toBeInstanceOf(RefreshStoppedError);
    // The groups before the stop are written (pull requests are the second), the rest are not; no
    // version is stamped, so the API's caches do not take the incomplete rollups for finished ones.
    const partial = await storedRollups(db);
    expect(partial.some((r) => r.startsWith('github.prs.opened '))).toBe(true);
    expect(partial.some((r) => r.startsWith('github.issues.opened '))).toBe(false);
    expect(await findRollupVersion(db)).toBeNull();

    const now = NOW + HOUR;
    const rows = await refreshDailyMetrics(db, 'UTC', new Date(now));
    const expected = await rebuiltRollups(db, now);
    // A full rebuild's count of daily values, not an incremental refresh's handful.
    expect(rows).toBe(expected.length);
    expect(await storedRollups(db)).toEqual(expected);
    expect(await findRollupVersion(db)).not.toBeNull();
  });

  test('a --full rebuild stopped half-way keeps the version and leaves the next refresh a full one', async () => {
    const { db } = database;
    const version = await findRollupVersion(db);
    await addWork(db, 'r1', 100, iso(NOW + HOUR + 60_000));
    const now = NOW + 2 * HOUR;
    const stopped = refreshDailyMetrics(db, 'UTC', new Date(now), {
      full: true,
      // Stopped once the third group's rows are loaded, before they are computed.
      signal: stopAtLook(6),
    });
    await expect(stopped).rejects.toBeInstanceOf(RefreshStoppedError);
    expect(await findRollupVersion(db)).toBe(version);

    const rows = await refreshDailyMetrics(db, 'UTC', new Date(now + HOUR));
    const expected = await rebuiltRollups(db, now + HOUR);
    expect(rows).toBe(expected.length);
    expect(await storedRollups(db)).toEqual(expected);
    expect(await findRollupVersion(db)).not.toBe(version);
  });

  test('an aborted signal stops the rebuild before its first group', async () => {
    const { db } = database;
    const version = await findRollupVersion(db);
    const stopped = refreshDailyMetrics(db, 'UTC', new Date(NOW + 4 * HOUR), {
      full: true,
      signal: AbortSignal.abort(),
    });
    await expect(stopped).rejects.toBeInstanceOf(RefreshStoppedError);
    expect(await findRollupVersion(db)).toBe(version);
  });
});
