/**
 * A long-running process resumes its next refresh from the window states it kept in memory
 * (server/metrics/window-memory.ts), not from reading the stored ones again; once another process
 * has refreshed, it reads the stored ones. Both end equal to a full rebuild.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { encodeState } from '../../../db/queries/rollup-windows.js';
import { addDays } from '../../../shared/dates.js';
import { computeFullRollups, refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo, addWork, rollupLines, storedRollups } from '../../helpers/rollup-history.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const TODAY = '2026-06-15';
const at = (days: number, hour = 8) =>
  `${addDays(TODAY, days)}T${String(hour).padStart(2, '0')}:00:00Z`;

describe.each(DIALECTS)('window states kept in memory on %s', (dialect) => {
  let database: OpenTestDatabase;
  let otherProcess: DatabaseHandle;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    otherProcess = await openDatabase(database.location);
    await addRepo(database.db, 'r1', '2026-01-01T00:00:00Z');
    // Merged pull requests, closed issues and their people throughout the 90-day windows.
    for (let n = 0; n < 30; n++)
      await addWork(database.db, 'r1', n, at(-88 + 3 * n), { author: `p${n % 6}`, hours: 1 + n });
    await refreshDailyMetrics(database.db, 'UTC', NOW);
  });
  afterEach(async () => {
    await otherProcess.close();
    await database.drop();
  });

  test('the next refresh in the same process resumes from the states it kept, without reading them', async () => {
    const { db } = database;
    await addWork(db, 'r1', 100, at(0, 9), { author: 'p1', hours: 2 });
    await refreshDailyMetrics(db, 'UTC', NOW);
    // The stored states emptied behind the process's back: read, they would resume every window
    // as if it held nothing, and the next refresh would miss the weeks before.
    await db
      .updateTable('rollup_window')
      .set({ state: encodeState(null) })
      .execute();

    await addWork(db, 'r1', 101, at(0, 10), { author: 'p2', hours: 3 });
    await refreshDailyMetrics(db, 'UTC', NOW);
    expect(await storedRollups(db)).toEqual(rollupLines(await computeFullRollups(db, 'UTC', NOW)));
  });

  test('after a refresh in another process, the stored states are read again', async () => {
    const { db } = database;
    await addWork(db, 'r1', 100, at(0, 9), { author: 'p1', hours: 2 });
    await refreshDailyMetrics(db, 'UTC', NOW);
    // Another process collects a pull request merged ten days ago, late, by someone new, and
    // refreshes: the windows' states at the same day now hold them.
    await addWork(otherProcess.db, 'r1', 102, at(-10), { author: 'late', hours: 400 });
    await refreshDailyMetrics(otherProcess.db, 'UTC', NOW);

    await addWork(db, 'r1', 103, at(0, 11), { author: 'p3', hours: 4 });
    await refreshDailyMetrics(db, 'UTC', NOW);
    expect(await storedRollups(db)).toEqual(rollupLines(await computeFullRollups(db, 'UTC', NOW)));
  });
});
