/**
 * Who forked a repository: `GET /repos/{owner}/{repo}/forks?sort=newest`, 100 a page, down to the
 * newest fork the last complete listing saw. Asked only when the snapshot's `forks_count` differs
 * from the count at that listing, so an unchanged pass costs nothing. Each page is written with its
 * cursor in one transaction; an interrupted listing resumes at its next page. Forks deleted later
 * stay stored (GitHub's listing no longer shows them, and a newest-first walk never looks back).
 */
import { findLatestSnapshot } from '../../db/queries/github.js';
import { upsertForks } from '../../db/queries/forks.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { ForkTable } from '../../db/schema.js';
import { contributorKey, type BotList } from './actors.js';
import type { GithubContext, RepoRef } from './context.js';

/** The fields read from GitHub's "minimal-repository" items of the listing. */
export interface ForkJson {
  id: number;
  owner: { login: string; type?: string } | null;
  created_at?: string | null;
}

interface ForksCursor {
  /** created_at of the newest fork of the last complete listing: older ones are known. */
  since: string | null;
  /** The snapshot's forks_count when that listing finished. */
  count: number | null;
  /** The next page of an unfinished listing, and the newest created_at it has seen. */
  page: number | null;
  high: string | null;
}

const PER_PAGE = 100;

/** Listing items → rows; bots and deleted owners are nobody, and a fork without a date is skipped. */
export function toRows(repoId: string, forks: readonly ForkJson[], bots: BotList): ForkTable[] {
  return forks.flatMap((fork) => {
    const login = bots.person(fork.owner);
    if (login === null || !fork.created_at) return [];
    return [
      {
        repo_id: repoId,
        fork_id: String(fork.id),
        owner: contributorKey(login),
        owner_type: fork.owner?.type ?? 'User',
        created_at: fork.created_at,
      },
    ];
  });
}

export async function collectForks(ctx: GithubContext, repo: RepoRef): Promise<number> {
  const state = await findSyncState(ctx.db, 'forks', repo.id);
  const cursor: ForksCursor = state?.cursor
    ? (JSON.parse(state.cursor) as ForksCursor)
    : { since: null, count: null, page: null, high: null };
  const count = (await findLatestSnapshot(ctx.db, repo.id))?.forks ?? null;
  if (cursor.page === null && count === cursor.count) return 0;
  let page = cursor.page ?? 1;
  let high = cursor.high;
  let rows = 0;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const response = await ctx.client.octokit.rest.repos.listForks({
      owner: repo.owner,
      repo: repo.name,
      sort: 'newest',
      per_page: PER_PAGE,
      page,
    });
    const listed = toRows(repo.id, response.data as unknown as ForkJson[], ctx.bots);
    const fresh =
      cursor.since === null ? listed : listed.filter((f) => f.created_at >= cursor.since!);
    // Owners left out (bots) do not end the walk; only a fork older than the known ones does.
    const reachedKnown = fresh.length < listed.length;
    for (const f of fresh) if (high === null || f.created_at > high) high = f.created_at;
    const finished = reachedKnown || !/rel="next"/.test(response.headers.link ?? '');
    const next: ForksCursor = finished
      ? { since: high ?? cursor.since, count, page: null, high: null }
      : { since: cursor.since, count: cursor.count, page: page + 1, high };
    await ctx.db.transaction().execute(async (trx) => {
      await upsertForks(trx, fresh);
      await saveSyncState(trx, {
        resource: 'forks',
        scope: repo.id,
        cursor: JSON.stringify(next),
        etag: null,
        status: 'ok',
        detail: null,
        updated_at: ctx.now().toISOString(),
      });
    });
    rows += fresh.length;
    ctx.progress({
      source: 'github',
      scope: repo.fullName,
      resource: 'forks',
      items: rows,
      pages: page - (cursor.page ?? 1) + 1,
      total: count,
      rateRemaining: ctx.client.usage.rate.core?.remaining ?? null,
      done: finished,
    });
    if (finished) return rows;
    page++;
  }
}
