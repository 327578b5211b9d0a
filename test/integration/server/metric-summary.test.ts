/**
 * The Metrics page's figures (`summarizeMetrics`): a per-period metric whose latest days have no
 * figure yet (npm publishes a day's downloads the next day) is summed over the 7 days to its last
 * figure, and its changes compare it with the 7 days as far back from there, not a 6-day sum with
 * a 7-day one (which read as a fall every day); both dialects.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { writeMetricRollups } from '../../../db/queries/metrics.js';
import { addDays } from '../../../shared/dates.js';
import { summarizeMetrics } from '../../../server/metrics/read.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

const TODAY = '2026-11-24';
let database: OpenTestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe.each(DIALECTS)('metric summaries on %s', (dialect) => {
  test('downloads not out yet for today: the 7 days to yesterday, against the 7 before', async () => {
    database = await openTestDatabase(dialect);
    // 100 a day for 40 days, 200 a day in the last week with a figure; today's not out yet.
    const days = Array.from({ length: 41 }, (_, i) => addDays(TODAY, i - 40));
    const rows = days.map((day) => ({
      metric: 'npm.downloads',
      scope: 'all',
      day,
      value: day === TODAY ? null : day >= addDays(TODAY, -7) ? 200 : 100,
    }));
    await writeMetricRollups(database.db, 'npm.downloads', rows);
    const summaries = await summarizeMetrics(database.db, 'UTC', new Date(`${TODAY}T12:00:00Z`));
    const npm = summaries.find((s) => s.id === 'npm.downloads')!;
    expect(npm.current).toBe(1400);
    expect(npm.change7d).toBe(700);
    expect(npm.change30d).toBe(700);
    expect(npm.recent.at(-1)).toEqual({ t: TODAY, v: null });
  });
});
