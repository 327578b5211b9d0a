/**
 * Star history from the stargazer list where the star-history endpoint is missing (older GitHub
 * Enterprise Server): GraphQL, newest first, stopping at the first star already stored (no 40k cap,
 * unlike REST). GitHub shows stargazer lists only to admins and collaborators since 2026-06-30:
 * when refused, the pass goes on with the daily `stargazers_count` snapshots, and says why.
 */
import { findKnownStars, upsertStars } from '../../db/queries/github.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { StarTable } from '../../db/schema.js';
import { stargazerKey } from './actors.js';
import type { GithubContext, RepoRef } from './context.js';
import { exhaustedRateLimit, graphqlErrors, httpStatus } from './errors.js';
import { STARS_QUERY, type PageInfo } from './queries.js';

export interface StarsPage {
  stargazerCount: number;
  stargazers: {
    totalCount: number;
    pageInfo: PageInfo;
    edges: { starredAt: string; node: { login: string } }[];
  };
}

export const STARS_REFUSED =
  'This server has no star-history endpoint and did not share the stargazer list (it shows it only to repo admins and collaborators); star history comes from daily snapshots of the star count.';

export function toStarRows(repoId: string, page: StarsPage): StarTable[] {
  return page.stargazers.edges.map((e) => ({
    repo_id: repoId,
    stargazer: stargazerKey(e.node.login),
    starred_at: e.starredAt,
  }));
}

/**
 * True when GitHub refused the stargazer list rather than failed: a GraphQL error of type FORBIDDEN,
 * or an HTTP 403 that is not a rate limit. (The third form, an empty list while the repository has
 * stars, is an answer, not an error: the callers check it.)
 */
export function isRefusal(error: unknown): boolean {
  const graphql = graphqlErrors(error);
  if (graphql !== null)
    return graphql.errors.some((e) => e.type === 'FORBIDDEN' || /stargazer/i.test(e.message));
  return (
    httpStatus(error) === 403 &&
    exhaustedRateLimit(error) === null &&
    !/secondary rate limit/i.test((error as Error).message ?? '')
  );
}

export async function markStarsRefused(ctx: GithubContext, repo: RepoRef): Promise<void> {
  await saveSyncState(ctx.db, {
    resource: 'stars',
    scope: repo.id,
    cursor: null,
    etag: null,
    status: 'refused',
    detail: STARS_REFUSED,
    updated_at: ctx.now().toISOString(),
  });
  ctx.progress({
    source: 'github',
    scope: repo.fullName,
    resource: 'stars',
    items: 0,
    pages: 0,
    total: null,
    rateRemaining: null,
    done: true,
    note: STARS_REFUSED,
  });
}

export async function collectStars(ctx: GithubContext, repo: RepoRef): Promise<number> {
  const state = await findSyncState(ctx.db, 'stars', repo.id);
  let after = state?.cursor ? (JSON.parse(state.cursor) as { after: string | null }).after : null;
  let rows = 0;
  let pages = 0;
  for (;;) {
    ctx.signal?.throwIfAborted();
    let page: StarsPage;
    try {
      page = (
        await ctx.client.graphql<{ repository: StarsPage }>(STARS_QUERY, {
          owner: repo.owner,
          name: repo.name,
          after,
        })
      ).repository;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await markStarsRefused(ctx, repo);
      return rows;
    }
    pages++;
    if (page.stargazers.edges.length === 0 && page.stargazerCount > 0 && after === null) {
      await markStarsRefused(ctx, repo);
      return rows;
    }
    const candidates = toStarRows(repo.id, page);
    const known = await findKnownStars(
      ctx.db,
      repo.id,
      candidates.map((s) => s.stargazer),
    );
    const fresh = candidates.filter((s) => known.get(s.stargazer) !== s.starred_at);
    const finished = fresh.length < candidates.length || !page.stargazers.pageInfo.hasNextPage;
    after = finished ? null : page.stargazers.pageInfo.endCursor;
    await saveStarsPage(ctx, repo, fresh, after);
    rows += fresh.length;
    ctx.progress({
      source: 'github',
      scope: repo.fullName,
      resource: 'stars',
      items: rows,
      pages,
      total: page.stargazers.totalCount,
      rateRemaining: ctx.client.usage.rate.graphql?.remaining ?? null,
      done: finished,
    });
    if (finished) return rows;
  }
}

/** Writes a page's new stars and the cursor to resume after, at once. */
async function saveStarsPage(
  ctx: GithubContext,
  repo: RepoRef,
  fresh: StarTable[],
  after: string | null,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await upsertStars(trx, fresh);
    await saveSyncState(trx, {
      resource: 'stars',
      scope: repo.id,
      cursor: JSON.stringify({ after }),
      etag: null,
      status: 'ok',
      detail: null,
      updated_at: ctx.now().toISOString(),
    });
  });
}
