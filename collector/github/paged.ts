/**
 * The incremental walk shared by pull requests and issues: pages ordered by updatedAt, newest
 * first, stopping at the first item not newer than the last complete pass. Each page is written
 * with its cursor in one transaction, so a pass that stops anywhere resumes at the next page.
 */
import type { Kysely, Transaction } from 'kysely';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { Database } from '../../db/schema.js';
import type { GithubContext, RepoRef } from './context.js';
import type { PageInfo } from './queries.js';

export interface UpdatedCursor {
  /** Newest updatedAt of the last complete pass: older items are known ('' once a pass found none). */
  since: string | null;
  /** Where an unfinished pass stopped. */
  after: string | null;
  /** Newest updatedAt seen by the unfinished pass. */
  high: string | null;
}

export interface UpdatedPage<Node extends { updatedAt: string }> {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: Node[];
}

export interface UpdatedWalk<Node extends { updatedAt: string }> {
  resource: string;
  fetchPage(after: string | null): Promise<UpdatedPage<Node>>;
  writePage(trx: Transaction<Database>, nodes: Node[]): Promise<number>;
}

export async function readCursor(
  db: Kysely<Database>,
  resource: string,
  scope: string,
): Promise<UpdatedCursor> {
  const state = await findSyncState(db, resource, scope);
  return state?.cursor
    ? (JSON.parse(state.cursor) as UpdatedCursor)
    : { since: null, after: null, high: null };
}

export async function walkUpdatedDesc<Node extends { updatedAt: string }>(
  ctx: GithubContext,
  repo: RepoRef,
  walk: UpdatedWalk<Node>,
): Promise<number> {
  let cursor = await readCursor(ctx.db, walk.resource, repo.id);
  let rows = 0;
  let pages = 0;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const page = await walk.fetchPage(cursor.after);
    pages++;
    const fresh =
      cursor.since === null ? page.nodes : page.nodes.filter((n) => n.updatedAt >= cursor.since!);
    const reachedKnown = fresh.length < page.nodes.length;
    const high = [cursor.high, ...fresh.map((n) => n.updatedAt)].reduce(
      (a, b) => (a === null || (b !== null && b > a) ? b : a),
      null,
    );
    const finished = reachedKnown || !page.pageInfo.hasNextPage;
    const next: UpdatedCursor = finished
      ? { since: high ?? cursor.since ?? '', after: null, high: null }
      : { since: cursor.since, after: page.pageInfo.endCursor, high };
    await ctx.db.transaction().execute(async (trx) => {
      rows += await walk.writePage(trx, fresh);
      await saveSyncState(trx, {
        resource: walk.resource,
        scope: repo.id,
        cursor: JSON.stringify(next),
        etag: null,
        status: 'ok',
        detail: null,
        updated_at: ctx.now().toISOString(),
      });
    });
    cursor = next;
    ctx.progress({
      source: 'github',
      scope: repo.fullName,
      resource: walk.resource,
      items: rows,
      pages,
      total: page.totalCount,
      rateRemaining: ctx.client.usage.rate.graphql?.remaining ?? null,
      done: finished,
    });
    if (finished) return rows;
  }
}
