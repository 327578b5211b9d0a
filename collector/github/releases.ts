/**
 * Release downloads: `GET /repos/{o}/{r}/releases` (100 a page, newest first) gives each asset's
 * cumulative `download_count`; each pass stores the counts as read that (UTC) day, and the rollups
 * turn the differences into downloads per day. Read at most about hourly (`cadence.ts`). Every page is a conditional request: a 304 page is
 * unchanged, so its assets keep the counts of the last read. Releases keep their tag and publication
 * time, the markers on the dashboard's charts.
 */
import {
  findLatestAssetCounts,
  upsertAssetCounts,
  upsertReleases,
} from '../../db/queries/releases.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { ReleaseAssetCountTable, ReleaseTable } from '../../db/schema.js';
import { isDue } from './cadence.js';
import { reportRestProgress, type GithubContext, type RepoRef } from './context.js';
import { httpStatus } from './errors.js';

export const RELEASES_PER_PAGE = 100;
/** Minutes between reads: the day's last read sets its count, so about hourly is enough. */
export const RELEASES_EVERY_MINUTES = 55;

export interface ReleaseJson {
  id: number;
  tag_name: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  published_at: string | null;
  assets: { id: number; download_count: number }[];
}

interface ReleasesCursor {
  /** The ETag of each page of the last read. */
  etags: (string | null)[];
  /** The first day releases were read: a release asset seen after it is new since. */
  firstDay: string;
}

export function toReleaseRows(
  repoId: string,
  releases: readonly ReleaseJson[],
  readAt: string,
): { releases: ReleaseTable[]; counts: ReleaseAssetCountTable[] } {
  const day = readAt.slice(0, 10);
  return {
    releases: releases.map((r) => ({
      id: String(r.id),
      repo_id: repoId,
      tag: r.tag_name,
      name: r.name,
      // A draft has no publication yet (only tokens with push access see drafts at all).
      published_at: r.draft ? null : r.published_at,
      is_prerelease: r.prerelease ? 1 : 0,
    })),
    counts: releases.flatMap((r) =>
      r.assets.map((a) => ({
        asset_id: String(a.id),
        day,
        repo_id: repoId,
        release_id: String(r.id),
        downloads: a.download_count,
        read_at: readAt,
      })),
    ),
  };
}

const hasNext = (link: string | undefined) => /rel="next"/.test(link ?? '');

/** Reads every page of releases (304s are free); returns the asset counts written. */
export async function collectReleases(ctx: GithubContext, repo: RepoRef): Promise<number> {
  const state = await findSyncState(ctx.db, 'releases', repo.id);
  const readAt = ctx.now().toISOString();
  const today = readAt.slice(0, 10);
  if (!isDue(state?.updated_at, ctx.now(), RELEASES_EVERY_MINUTES)) return 0;
  const last: ReleasesCursor | null = state?.cursor
    ? (JSON.parse(state.cursor) as ReleasesCursor)
    : null;
  const { etags, fetched, unchangedPages } = await readReleasePages(ctx, repo, last);
  const rows = toReleaseRows(repo.id, fetched, readAt);
  // Assets on unchanged pages keep their last counts; when every page was read, the read is
  // complete (a deleted asset is simply absent from today).
  const read = new Set(rows.counts.map((c) => c.asset_id));
  const carried =
    unchangedPages === 0
      ? []
      : (await findLatestAssetCounts(ctx.db, repo.id, today))
          .filter((c) => !read.has(c.asset_id))
          .map((c) => ({ ...c, day: today, read_at: readAt }));
  const cursor: ReleasesCursor = { etags, firstDay: last?.firstDay ?? today };
  await ctx.db.transaction().execute(async (trx) => {
    await upsertReleases(trx, rows.releases);
    await upsertAssetCounts(trx, [...carried, ...rows.counts]);
    await saveSyncState(trx, {
      resource: 'releases',
      scope: repo.id,
      cursor: JSON.stringify(cursor),
      etag: null,
      status: 'ok',
      detail: null,
      updated_at: readAt,
    });
  });
  reportRestProgress(ctx, repo, 'releases', {
    items: fetched.length,
    pages: etags.length,
    done: true,
  });
  return rows.counts.length;
}

/** Reads the release pages, each conditionally on its last etag. */
async function readReleasePages(
  ctx: GithubContext,
  repo: RepoRef,
  last: ReleasesCursor | null,
): Promise<{ etags: (string | null)[]; fetched: ReleaseJson[]; unchangedPages: number }> {
  const etags: (string | null)[] = [];
  const fetched: ReleaseJson[] = [];
  let unchangedPages = 0;
  for (let page = 1; ; page++) {
    ctx.signal?.throwIfAborted();
    const etag = last?.etags[page - 1] ?? null;
    let more: boolean;
    try {
      const response = await ctx.client.octokit.rest.repos.listReleases({
        owner: repo.owner,
        repo: repo.name,
        per_page: RELEASES_PER_PAGE,
        page,
        headers: etag ? { 'if-none-match': etag } : {},
      });
      fetched.push(...(response.data as unknown as ReleaseJson[]));
      etags.push(response.headers.etag ?? null);
      more = hasNext(response.headers.link);
    } catch (error) {
      if (httpStatus(error) !== 304) throw error;
      // Unchanged page: the same releases as last time, and as many pages after it.
      etags.push(etag);
      unchangedPages++;
      more = page < (last?.etags.length ?? 0);
    }
    if (!more) return { etags, fetched, unchangedPages };
  }
}
