/**
 * What waits for a first response: open issues and open, ready-for-review pull requests that nobody
 * but their author has answered, bots' own left out. The digest and the dashboard read these.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.js';

export type WaitingKind = 'issue' | 'pull_request';

/** Narrows the waiting items: to one kind, to one repository (by id). */
export interface WaitingFilter {
  kind?: WaitingKind;
  repoId?: string;
}

export function waitingIssues(db: Kysely<Database>, repoId?: string) {
  let query = db
    .selectFrom('issue as i')
    .innerJoin('repo as r', 'r.id', 'i.repo_id')
    .where('i.state', '=', 'open')
    .where('i.first_response_at', 'is', null)
    .where('i.author_is_bot', '=', 0);
  if (repoId !== undefined) query = query.where('i.repo_id', '=', repoId);
  return query;
}

export function waitingPullRequests(db: Kysely<Database>, repoId?: string) {
  let query = db
    .selectFrom('pull_request as p')
    .innerJoin('repo as r', 'r.id', 'p.repo_id')
    .where('p.state', '=', 'open')
    .where('p.is_draft', '=', 0)
    .where('p.first_response_at', 'is', null)
    .where('p.author_is_bot', '=', 0);
  if (repoId !== undefined) query = query.where('p.repo_id', '=', repoId);
  return query;
}

/**
 * The waiting issues as rows alike to `waitingPullRequestRows`' (a union takes both as they are):
 * the kind in a constant column, the repository's full name, number, title and opening time.
 */
export const waitingIssueRows = (db: Kysely<Database>, repoId?: string) =>
  waitingIssues(db, repoId).select([
    sql<WaitingKind>`'issue'`.as('kind'),
    'r.full_name as repo',
    'i.number',
    'i.title',
    'i.created_at',
  ]);

/** The waiting pull requests as rows alike to `waitingIssueRows`'. */
export const waitingPullRequestRows = (db: Kysely<Database>, repoId?: string) =>
  waitingPullRequests(db, repoId).select([
    sql<WaitingKind>`'pull_request'`.as('kind'),
    'r.full_name as repo',
    'p.number',
    'p.title',
    'p.created_at',
  ]);

/**
 * One page of the waiting issues and pull requests as one list, oldest first (ties by repository,
 * kind, number: a total order, so pages neither overlap nor skip while nothing changes).
 */
export async function findWaitingItems(
  db: Kysely<Database>,
  filter: WaitingFilter,
  page: { limit: number; offset: number },
) {
  const issues = waitingIssueRows(db, filter.repoId);
  const pulls = waitingPullRequestRows(db, filter.repoId);
  const both =
    filter.kind === 'issue'
      ? issues
      : filter.kind === 'pull_request'
        ? pulls
        : issues.unionAll(pulls);
  return db
    .selectFrom(both.as('w'))
    .selectAll()
    .orderBy('w.created_at')
    .orderBy('w.repo')
    .orderBy('w.kind')
    .orderBy('w.number')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** How many issues and pull requests wait, in one repository (by id) or in all. */
export async function countWaitingItems(db: Kysely<Database>, repoId?: string) {
  const [issues, pullRequests] = await Promise.all([
    countWaiting(db, 'issue', repoId),
    countWaiting(db, 'pull_request', repoId),
  ]);
  return { issues, pullRequests };
}

export async function countWaiting(
  db: Kysely<Database>,
  kind: WaitingKind,
  repoId?: string,
): Promise<number> {
  const count = sql<number | string>`count(*)`.as('n');
  const row = await (
    kind === 'issue'
      ? waitingIssues(db, repoId).select(count)
      : waitingPullRequests(db, repoId).select(count)
  ).executeTakeFirstOrThrow();
  // PostgreSQL's count is a bigint, sent as text.
  return Number(row.n);
}
