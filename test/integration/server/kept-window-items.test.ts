/**
 * A window resumed from its stored state takes the items of the days leaving it from that state, not
 * from their rows: an hourly refresh then reads only the days it recomputes. Shown by deleting
 * those rows (behind the change log's back) before the refresh: its rollups still equal a full
 * rebuild made while the rows were there.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Kysely } from 'kysely';
import {
  upsertContributions,
  upsertIssues,
  upsertPullRequests,
} from '../../../db/queries/github.js';
import type { Database } from '../../../db/schema.js';
import { addDays } from '../../../shared/dates.js';
import { computeFullRollups, refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { addRepo, storedRollups } from '../../helpers/rollup-history.js';

const NOW = new Date('2026-06-15T12:00:00Z');
const TODAY = '2026-06-15';
/** The window states are kept at the end of two days back; 90-day windows leave these two days next. */
const LEAVING = [addDays(TODAY, -91), addDays(TODAY, -90)];

/** A merged pull request, its contribution and a closed issue by `author`, opened at `at`. */
async function work(
  db: Kysely<Database>,
  number: number,
  author: string,
  at: string,
  hours: number,
) {
  const ended = new Date(Date.parse(at) + hours * 3_600_000).toISOString();
  const item = { repo_id: 'r1', number, author, author_is_bot: 0 as const, title: 't' };
  await upsertPullRequests(db, [
    {
      ...item,
      author_association: 'NONE',
      state: 'merged',
      is_draft: 0,
      created_at: at,
      updated_at: ended,
      merged_at: ended,
      closed_at: ended,
      first_review_at: ended,
      first_response_at: null,
      merge_commit: null,
    },
  ]);
  await upsertIssues(db, [
    {
      ...item,
      state: 'closed',
      created_at: at,
      updated_at: ended,
      closed_at: ended,
      first_response_at: ended,
    },
  ]);
  await upsertContributions(db, [
    { repo_id: 'r1', kind: 'pr', ref: String(number), contributor: author, at: ended },
  ]);
}

const asLines = (rows: Awaited<ReturnType<typeof computeFullRollups>>) =>
  rows.map((r) => `${r.metric} ${r.scope} ${r.day} ${r.value === null ? 'null' : r.value}`).sort();

describe.each(DIALECTS)('kept window items on %s', (dialect) => {
  let database: OpenTestDatabase;
  beforeEach(async () => {
    database = await openTestDatabase(dialect);
  });
  afterEach(() => database.drop());

  test('the days leaving the windows are not read again: their items come from the stored states', async () => {
    const { db } = database;
    await addRepo(db, 'r1', '2026-01-01T00:00:00Z');
    // People and durations throughout the windows, and on the two days about to leave them,
    // people seen nowhere else and the longest durations (their leaving moves every window).
    for (let n = 0; n < 40; n++)
      await work(db, n, `p${n % 5}`, `${addDays(TODAY, -85 + 2 * n)}T08:00:00Z`, 1 + (n % 9));
    for (const [i, day] of LEAVING.entries())
      for (let k = 0; k < 3; k++)
        await work(db, 100 + 3 * i + k, `leaving${i}${k}`, `${day}T01:00:00Z`, 10 + k);
    await refreshDailyMetrics(db, 'UTC', NOW);

    // An hourly pass: one new pull request merged today.
    await work(db, 200, 'p1', `${TODAY}T09:00:00Z`, 2);
    const expected = asLines(await computeFullRollups(db, 'UTC', NOW));
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

    await refreshDailyMetrics(db, 'UTC', NOW);
    expect(await storedRollups(db)).toEqual(expected);
  });
});
