/**
 * A window resumed from its stored state takes the items of the days leaving it from that state, not
 * from their rows: an hourly refresh then reads only the days it recomputes. Shown by deleting
 * those rows (behind the change log's back) before the refresh: its rollups still equal a full
 * rebuild made while the rows were there. The refresh runs in the process that kept the states (in
 * memory) and in another one (reading them stored).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addDays } from '../../../shared/dates.js';
import { computeFullRollups, refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { openDatabase } from '../../../db/connect.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo, addWork, rollupLines, storedRollups } from '../../helpers/rollup-history.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const TODAY = '2026-06-15';
/** The window states are kept at the end of two days back; 90-day windows leave these two days next. */
const LEAVING = [addDays(TODAY, -91), addDays(TODAY, -90)];

describe.each(DIALECTS)('kept window items on %s', (dialect) => {
  let database: OpenTestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });
  afterEach(() => database.drop());

  test.each(['the same process', 'another process'])(
    'the days leaving the windows are not read again: their items come from the kept states, in %s',
    async (where) => {
      const { db } = database;
      await addRepo(db, 'r1', '2026-01-01T00:00:00Z');
      // People and durations throughout the windows, and on the two days about to leave them,
      // people seen nowhere else and the longest durations (their leaving moves every window).
      for (let n = 0; n < 40; n++)
        await addWork(db, 'r1', n, `${addDays(TODAY, -85 + 2 * n)}T08:00:00Z`, {
          author: `p${n % 5}`,
          hours: 1 + (n % 9),
        });
      for (const [i, day] of LEAVING.entries())
        for (let k = 0; k < 3; k++)
          await addWork(db, 'r1', 100 + 3 * i + k, `${day}T01:00:00Z`, {
            author: `leaving${i}${k}`,
            hours: 10 + k,
          });
      await refreshDailyMetrics(db, 'UTC', NOW);

      // An hourly pass: one new pull request merged today.
      await addWork(db, 'r1', 200, `${TODAY}T09:00:00Z`, { author: 'p1', hours: 2 });
      const expected = rollupLines(await computeFullRollups(db, 'UTC', NOW));
      const pending = await db.selectFrom('rollup_change').selectAll().execute();
      for (const table of ['pull_request', 'issue', 'contribution'] as const)
        await db
          .deleteFrom(table)
          .where('repo_id', '=', 'r1')
          .where((eb) =>
            eb.or(
              (table === 'contribution' ? ['at'] : ['created_at']).map((column) =>
                eb(eb.ref(column as 'repo_id'), '<', `${addDays(LEAVING[1]!, 1)}T00:00:00Z`),
              ),
            ),
          )
          .execute();
      // The change log as the pass left it: the deletions are not a change to recompute from.
      for (const row of pending)
        await db.updateTable('rollup_change').set(row).where('source', '=', row.source).execute();

      const refreshing =
        where === 'the same process' ? database : await openDatabase(database.location);
      await refreshDailyMetrics(refreshing.db, 'UTC', NOW);
      if (refreshing !== database) await refreshing.close();
      expect(await storedRollups(db)).toEqual(expected);
    },
  );
});
