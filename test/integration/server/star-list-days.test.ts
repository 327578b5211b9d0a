/**
 * The stargazer list's stars are loaded counted by quarter hour (db/queries/star-days.ts): in zones
 * whose offset is not a whole hour (Kathmandu +5:45, Kolkata +5:30, Chatham +12:45/+13:45) each star
 * still counts on its own project day, both sides of the local midnight, on both dialects, in a full
 * rebuild and in the incremental refresh after it.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { upsertStars } from '../../../db/queries/github.js';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { dayOf, dayRange } from '../../../shared/dates.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo } from '../../helpers/rollup-history.js';

const NOW = new Date('2026-11-20T23:00:00Z');
/** UTC instants a few seconds and minutes around each zone's local midnights of the last days. */
const MIDNIGHTS_UTC = ['18:15', '18:30', '10:15', '11:15'];
const nudges = [-61, -1, 0, 1, 59, 14 * 60, 16 * 60];

function starTimes(): string[] {
  const times: string[] = [];
  for (const day of dayRange('2026-11-10', '2026-11-19'))
    for (const hm of MIDNIGHTS_UTC)
      for (const s of nudges)
        times.push(new Date(Date.parse(`${day}T${hm}:00Z`) + s * 1000).toISOString());
  return times.map((t) => t.replace('.000Z', 'Z'));
}

/** What the series must be: the stars starred on or before each project day. */
function expected(times: readonly string[], timeZone: string, today: string) {
  const days = times.map((t) => dayOf(t, timeZone));
  const first = days.reduce((a, b) => (a < b ? a : b));
  return dayRange(first, today).map((t) => [t, days.filter((d) => d <= t).length]);
}

let database: OpenTestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe.each(DIALECTS)('stargazer-list stars by project day on %s', (dialect) => {
  test.each(['Asia/Kathmandu', 'Asia/Kolkata', 'Pacific/Chatham'])('in %s', async (timeZone) => {
    database = await openTestDatabase(dialect);
    const db = database.db;
    await addRepo(db, 'r');
    const times = starTimes();
    const half = Math.floor(times.length / 2);
    const write = (part: string[]) =>
      upsertStars(
        db,
        part.map((starred_at, i) => ({
          repo_id: 'r',
          stargazer: `s${starred_at}${i}`,
          starred_at,
        })),
      );
    const today = dayOf(NOW, timeZone);
    const series = async () =>
      (await readDailySeries(db, 'github.stars', 'r')).map((p) => [p.t, p.v]);

    await write(times.slice(0, half));
    await refreshDailyMetrics(db, timeZone, NOW, { full: true });
    expect(await series()).toEqual(expected(times.slice(0, half), timeZone, today));

    // The later half: the incremental refresh reads the stars before its first day as one row.
    await write(times.slice(half));
    await refreshDailyMetrics(db, timeZone, NOW);
    expect(await series()).toEqual(expected(times, timeZone, today));
  });
});
