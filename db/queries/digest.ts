/** What the weekly digest reads, and its delivery log. */
import { sql, type Kysely } from 'kysely';
import type { Database, DigestDeliveryTable } from '../schema.js';
import {
  countWaiting,
  waitingIssueRows,
  waitingPullRequestRows,
  type WaitingKind,
} from './waiting.js';

/** Contributors whose first contribution falls in [from, to). */
export async function findNewContributors(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('contributor')
    .select(['id', 'login', 'first_contribution_at'])
    .where('first_contribution_at', '>=', from)
    .where('first_contribution_at', '<', to)
    .orderBy('first_contribution_at')
    .execute();
}

/** Pull requests merged in [from, to) that were their author's first contribution. */
export async function findFirstMergedPullRequests(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('contribution as c')
    .innerJoin('contributor as p', (join) =>
      join.onRef('p.id', '=', 'c.contributor').onRef('p.first_contribution_at', '=', 'c.at'),
    )
    .innerJoin('pull_request as pr', (join) =>
      join
        .onRef('pr.repo_id', '=', 'c.repo_id')
        .on((eb) => eb(eb.cast('pr.number', 'text'), '=', eb.ref('c.ref'))),
    )
    .innerJoin('repo as r', 'r.id', 'c.repo_id')
    .select(['r.full_name as repo', 'pr.number', 'pr.title', 'pr.author', 'c.at'])
    .where('c.kind', '=', 'pr')
    .where('c.at', '>=', from)
    .where('c.at', '<', to)
    .orderBy('c.at')
    .execute();
}

/**
 * What waits for a first response, for the week [from, to): how many wait in all; how many of
 * them were opened that week, and the longest-waiting few of those; and the longest-waiting few
 * of those opened before it. Oldest first, ties by repository and number.
 */
export async function findWaitingForDigest(
  db: Kysely<Database>,
  kind: WaitingKind,
  week: { from: string; to: string },
  limits: { openedInWeek: number; openedBefore: number },
) {
  const waiting = () =>
    db.selectFrom((kind === 'issue' ? waitingIssueRows(db) : waitingPullRequestRows(db)).as('w'));
  const count = sql<number | string>`count(*)`.as('n');
  const [total, opened, openedRows, olderRows] = await Promise.all([
    countWaiting(db, kind),
    waiting()
      .select(count)
      .where('w.created_at', '>=', week.from)
      .where('w.created_at', '<', week.to)
      .executeTakeFirstOrThrow(),
    waiting()
      .selectAll()
      .where('w.created_at', '>=', week.from)
      .where('w.created_at', '<', week.to)
      .orderBy('w.created_at')
      .orderBy('w.repo')
      .orderBy('w.number')
      .limit(limits.openedInWeek)
      .execute(),
    waiting()
      .selectAll()
      .where('w.created_at', '<', week.from)
      .orderBy('w.created_at')
      .orderBy('w.repo')
      .orderBy('w.number')
      .limit(limits.openedBefore)
      .execute(),
  ]);
  // PostgreSQL's count is a bigint, sent as text.
  return {
    total,
    openedInWeek: { rows: openedRows, total: Number(opened.n) },
    openedBefore: olderRows,
  };
}

export async function findFailedRuns(db: Kysely<Database>, from: string, to: string) {
  return db
    .selectFrom('collection_run')
    .select(['source', 'finished_at', 'error'])
    .where('ok', '=', 0)
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .orderBy('started_at', 'desc')
    .execute();
}

export async function findDelivery(
  db: Kysely<Database>,
  week: string,
  channel: DigestDeliveryTable['channel'],
) {
  return db
    .selectFrom('digest_delivery')
    .selectAll()
    .where('week', '=', week)
    .where('channel', '=', channel)
    .executeTakeFirst();
}

export async function recordDelivery(
  db: Kysely<Database>,
  row: DigestDeliveryTable,
): Promise<void> {
  await db
    .insertInto('digest_delivery')
    .values(row)
    .onConflict((oc) => oc.columns(['week', 'channel']).doNothing())
    .execute();
}
