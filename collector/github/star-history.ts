/**
 * Star history from `GET /repos/{o}/{r}/stargazers/history` (GitHub, 2026-09-04): weeks newest first,
 * each with the stars given on each of its 7 days that still exist. Open to any token, unlike the
 * stargazer list, and one request covers 30 weeks. The backfill reads every page (resuming at the
 * page it stopped); after that a pass re-reads the newest page at most once a (UTC) day, since an
 * unstar lowers a past week. Older GitHub Enterprise Server answers 404: the caller falls back to
 * the stargazer list, and the endpoint is asked again the next day.
 */
import { upsertStarDays } from '../../db/queries/star-days.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { StarDayTable } from '../../db/schema.js';
import { reportRestProgress, type GithubContext, type RepoRef } from './context.js';
import { httpStatus } from './errors.js';

/** GitHub's limits for this endpoint: at most 30 weeks a page, at most page 100. */
export const HISTORY_PER_PAGE = 30;
export const HISTORY_MAX_PAGE = 100;
const DAY_S = 86_400;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / (DAY_S * 1000));

export interface HistoryWeek {
  /** Unix seconds of the week's start. */
  week: number;
  total: number;
  days: number[];
}

interface HistoryCursor {
  /** The next page of an unfinished read; null when the last read finished. */
  page: number | null;
  /** The UTC day the newest page was last read. */
  readDay: string | null;
}

export const HISTORY_UNAVAILABLE =
  'This GitHub server has no star-history endpoint (404; older GitHub Enterprise Server): star history comes from the stargazer list.';

/**
 * One row per day of each week. Day i of a week starts i × 24 h after the week's start, whatever
 * time of day that is: the rollups decide which calendar day it belongs to.
 */
export function toStarDayRows(repoId: string, weeks: readonly HistoryWeek[]): StarDayTable[] {
  return weeks.flatMap((w) =>
    w.days.map((stars, i) => ({
      repo_id: repoId,
      starts_at: new Date((w.week + i * DAY_S) * 1000).toISOString(),
      stars,
    })),
  );
}

/** Has the next-page relation: the pages go on. */
const hasNext = (link: string | undefined) => /rel="next"/.test(link ?? '');

/**
 * Reads what is due of the star history. Returns the days written, or 'unavailable' when this
 * server has no such endpoint (the stargazer list is then the source).
 */
export async function collectStarHistory(
  ctx: GithubContext,
  repo: RepoRef,
): Promise<number | 'unavailable'> {
  const state = await findSyncState(ctx.db, 'star_history', repo.id);
  const today = ctx.now().toISOString().slice(0, 10);
  if (state?.status === 'unavailable' && state.updated_at.slice(0, 10) === today)
    return 'unavailable';
  const cursor: HistoryCursor =
    state?.status === 'ok' && state.cursor
      ? (JSON.parse(state.cursor) as HistoryCursor)
      : { page: null, readDay: null };
  if (cursor.page === null && cursor.readDay === today) return 0;
  // A finished history only needs its newest page again (conditional: unchanged is a 304), unless
  // it was last read so long ago that weeks since then have slipped past the newest page.
  const refresh =
    cursor.page === null &&
    cursor.readDay !== null &&
    daysBetween(cursor.readDay, today) < 7 * (HISTORY_PER_PAGE - 1);
  let page = cursor.page ?? 1;
  let rows = 0;
  /** Stars in the weeks read: the progress a person understands (rows are days). */
  let stars = 0;
  let etag = state?.etag ?? null;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const read = await readHistoryPage(ctx, repo, page, refresh ? etag : null);
    if (read === 'unavailable') {
      await markHistoryUnavailable(ctx, repo);
      return 'unavailable';
    }
    const { weeks, link } = read;
    if (page === 1 && read.etag !== undefined) etag = read.etag;
    const finished = refresh || !hasNext(link) || page >= HISTORY_MAX_PAGE;
    const next: HistoryCursor = {
      page: finished ? null : page + 1,
      readDay: page === 1 ? today : cursor.readDay,
    };
    const days = toStarDayRows(repo.id, weeks);
    await ctx.db.transaction().execute(async (trx) => {
      await upsertStarDays(trx, days);
      await saveSyncState(trx, {
        resource: 'star_history',
        scope: repo.id,
        cursor: JSON.stringify(next),
        etag,
        status: 'ok',
        detail: null,
        updated_at: ctx.now().toISOString(),
      });
    });
    rows += days.length;
    stars += weeks.reduce((n, w) => n + w.total, 0);
    reportRestProgress(ctx, repo, 'star history', {
      items: stars,
      pages: page - (cursor.page ?? 1) + 1,
      done: finished,
    });
    if (finished) return rows;
    cursor.readDay = next.readDay;
    page++;
  }
}

/** One page of the history; `etag` is undefined when it answered 304 (unchanged). */
async function readHistoryPage(
  ctx: GithubContext,
  repo: RepoRef,
  page: number,
  ifNoneMatch: string | null,
): Promise<
  | { weeks: HistoryWeek[]; link: string | undefined; etag: string | null | undefined }
  | 'unavailable'
> {
  try {
    const response = await ctx.client.octokit.request(
      'GET /repos/{owner}/{repo}/stargazers/history',
      {
        owner: repo.owner,
        repo: repo.name,
        per_page: HISTORY_PER_PAGE,
        page,
        headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
      },
    );
    const etag = response.headers.etag ?? null;
    return { weeks: response.data as HistoryWeek[], link: response.headers.link, etag };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return 'unavailable';
    if (status !== 304) throw error; // 304: the newest page has not changed since the last read
    return { weeks: [], link: undefined, etag: undefined };
  }
}

async function markHistoryUnavailable(ctx: GithubContext, repo: RepoRef): Promise<void> {
  await saveSyncState(ctx.db, {
    resource: 'star_history',
    scope: repo.id,
    cursor: null,
    etag: null,
    status: 'unavailable',
    detail: HISTORY_UNAVAILABLE,
    updated_at: ctx.now().toISOString(),
  });
}
