/**
 * The contributing share of fork owners, read by person in SQL (db/queries/forks.ts): a person who
 * forked twice counts once, organisations are left out, and an incremental refresh carries on from
 * the counts kept two days back, reading only the people who forked or first contributed since:
 * someone who forked before (on the very day kept) and contributes after is counted once, on the day
 * they contribute; both dialects.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { upsertContributions } from '../../../db/queries/github.js';
import { upsertForks } from '../../../db/queries/forks.js';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { computeFullRollups, refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo, rollupLines, storedRollups } from '../../helpers/rollup-history.js';

const SHARE = 'github.forks.contributing_share';
const at = (day: string) => `2026-11-${day}T12:00:00.000Z`;

let database: OpenTestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe.each(DIALECTS)('contributing share of fork owners on %s', (dialect) => {
  test('people once, organisations out, and an incremental refresh equal to a full rebuild', async () => {
    database = await openTestDatabase(dialect);
    const db = database.db;
    for (const repo of ['r1', 'r2']) await addRepo(db, repo, at('01'));
    const fork = (repo: string, id: string, owner: string, day: string, type = 'User') =>
      upsertForks(db, [
        { repo_id: repo, fork_id: id, owner, owner_type: type, created_at: at(day) },
      ]);
    const contribute = (repo: string, who: string, day: string) =>
      upsertContributions(db, [
        {
          repo_id: repo,
          kind: 'commit',
          ref: `${repo}-${who}-${day}`,
          contributor: who,
          at: at(day),
        },
      ]);

    // r1: ann forks twice, bob contributed before forking, acme (an organisation) forks.
    await fork('r1', 'f1', 'ann', '02');
    await fork('r1', 'f2', 'ann', '03');
    await contribute('r1', 'bob', '02');
    await fork('r1', 'f3', 'bob', '04');
    await fork('r1', 'f4', 'acme', '04', 'Organization');
    // r2: cid forks and never contributes there; eve forks on the day whose counts the refresh
    // keeps (two days before the 10th), and contributes later.
    await fork('r2', 'f5', 'cid', '03');
    await fork('r2', 'f7', 'eve', '08');
    await refreshDailyMetrics(db, 'UTC', new Date(at('10')));
    const share = async (scope: string) =>
      Object.fromEntries((await readDailySeries(db, SHARE, scope)).map((p) => [p.t, p.v]));
    expect((await share('r1'))['2026-11-10']).toBe(1 / 2); // ann and bob, bob contributes
    expect((await share('all'))['2026-11-10']).toBe(1 / 4); // ann, bob, cid, eve
    expect((await share('r2'))['2026-11-10']).toBe(0);

    // The next days: ann (who forked long before) contributes to r1, and dan forks r2. Eve, in
    // the kept counts as someone who forked, contributes: counted once, on that day.
    await contribute('r1', 'ann', '11');
    await contribute('r2', 'eve', '11');
    await fork('r2', 'f6', 'dan', '11');
    await contribute('r2', 'dan', '12');
    const now = new Date(at('12'));
    await refreshDailyMetrics(db, 'UTC', now);
    const r1 = await share('r1');
    expect([r1['2026-11-10'], r1['2026-11-11'], r1['2026-11-12']]).toEqual([1 / 2, 1, 1]);
    const all = await share('all');
    expect([all['2026-11-10'], all['2026-11-11'], all['2026-11-12']]).toEqual([
      1 / 4,
      3 / 5,
      4 / 5,
    ]);
    const r2 = await share('r2');
    expect([r2['2026-11-10'], r2['2026-11-11'], r2['2026-11-12']]).toEqual([0, 1 / 3, 2 / 3]);

    expect(await storedRollups(db)).toEqual(rollupLines(await computeFullRollups(db, 'UTC', now)));
  });
});
