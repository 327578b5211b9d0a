/**
 * GitHub traffic: views and clones per UTC day, and the top 10 referrers, for the last 14 days only
 * (`GET /repos/{o}/{r}/traffic/views|clones?per=day`, `/traffic/popular/referrers`). Every pass stores
 * what GitHub shows (the newest day is partial and is overwritten later), so the archive grows past
 * the 14 days. Conditional requests: an unchanged answer is a 304, free. GitHub lists only days with
 * traffic, so a day of the window it leaves out is stored as 0. Read at the first pass of each UTC
 * day and every 6 hours after (`cadence.ts`). The numbers need push access: a 403
 * marks the repository refused, the pass goes on, and the endpoint is asked again the next day.
 */
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import {
  insertQuietTrafficDays,
  replaceTrafficReferrers,
  upsertTrafficDays,
} from '../../db/queries/traffic.js';
import type { TrafficDayTable, TrafficReferrerTable } from '../../db/schema.js';
import { isDue } from './cadence.js';
import { reportRestProgress, type GithubContext, type RepoRef } from './context.js';
import { httpStatus } from './errors.js';
import { isRefusal } from './stars.js';

/**
 * Minutes between reads within a day. Each read rewrites the 14 days, so a day is final once the
 * next day's first pass has read it; between, today's partial count is refreshed this often.
 */
export const TRAFFIC_EVERY_MINUTES = 6 * 60 - 5;
/** Days GitHub's traffic answers cover (today, partial, and the 13 before it are always inside). */
export const TRAFFIC_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export interface TrafficPoint {
  timestamp: string;
  count: number;
  uniques: number;
}
export type TrafficJson = { count: number; uniques: number } & (
  { views: TrafficPoint[] } | { clones: TrafficPoint[] }
);
export interface ReferrerJson {
  referrer: string;
  count: number;
  uniques: number;
}

export const trafficRefused = (fullName: string) =>
  `GitHub refused the traffic of ${fullName} (403 "Must have push access to repository"): views and clones are not archived, and GitHub keeps only 14 days; use a token with push access to it (classic: repo scope; fine-grained: Administration read).`;

interface TrafficCursor {
  views: string | null;
  clones: string | null;
  referrers: string | null;
}

/** The days of the window ending `today` (UTC), oldest first. */
export function windowDays(today: string): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: TRAFFIC_WINDOW_DAYS }, (_, i) =>
    new Date(end - (TRAFFIC_WINDOW_DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/**
 * The days GitHub listed, and the window's days it left out (no traffic: 0). `payload` null is a 304:
 * the answer did not change, so only the days that entered the window since are new (and quiet).
 */
export function toTrafficRows(
  repoId: string,
  kind: TrafficDayTable['kind'],
  payload: TrafficJson | null,
  readAt: string,
): { listed: TrafficDayTable[]; quiet: TrafficDayTable[] } {
  const points: TrafficPoint[] =
    payload === null ? [] : 'views' in payload ? payload.views : payload.clones;
  const row = (day: string, count: number, uniques: number): TrafficDayTable => ({
    repo_id: repoId,
    kind,
    day,
    count,
    uniques,
    read_at: readAt,
  });
  const listed = points.map((p) => row(p.timestamp.slice(0, 10), p.count, p.uniques));
  const seen = new Set(listed.map((r) => r.day));
  const quiet = windowDays(readAt.slice(0, 10))
    .filter((day) => !seen.has(day))
    .map((day) => row(day, 0, 0));
  return { listed, quiet };
}

export function toReferrerRows(
  repoId: string,
  day: string,
  payload: readonly ReferrerJson[],
): TrafficReferrerTable[] {
  return payload.map((r) => ({
    repo_id: repoId,
    day,
    referrer: r.referrer,
    count: r.count,
    uniques: r.uniques,
  }));
}

/** Reads the repository's traffic. Returns the rows written, or the refusal to report. */
export async function collectTraffic(
  ctx: GithubContext,
  repo: RepoRef,
): Promise<{ rows: number; refused: string | null }> {
  const state = await findSyncState(ctx.db, 'traffic', repo.id);
  const readAt = ctx.now().toISOString();
  const today = readAt.slice(0, 10);
  if (state?.status === 'refused' && state.updated_at.slice(0, 10) === today)
    return { rows: 0, refused: state.detail };
  if (state?.status === 'ok' && !isDue(state.updated_at, ctx.now(), TRAFFIC_EVERY_MINUTES))
    return { rows: 0, refused: null };
  const etags: TrafficCursor =
    state?.status === 'ok' && state.cursor
      ? (JSON.parse(state.cursor) as TrafficCursor)
      : { views: null, clones: null, referrers: null };
  const ask = conditionalAsk(ctx, repo, etags);
  let rows = 0;
  try {
    for (const kind of ['views', 'clones'] as const) {
      const payload = await ask<TrafficJson>(kind, `GET /repos/{owner}/{repo}/traffic/${kind}`, {
        per: 'day',
      });
      const { listed, quiet } = toTrafficRows(repo.id, kind, payload, readAt);
      await ctx.db.transaction().execute(async (trx) => {
        await upsertTrafficDays(trx, listed);
        await insertQuietTrafficDays(trx, quiet);
      });
      rows += listed.length;
    }
    const referrers = await ask<ReferrerJson[]>(
      'referrers',
      'GET /repos/{owner}/{repo}/traffic/popular/referrers',
      {},
    );
    if (referrers !== null) {
      await replaceTrafficReferrers(
        ctx.db,
        repo.id,
        today,
        toReferrerRows(repo.id, today, referrers),
      );
      rows += referrers.length;
    }
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const detail = trafficRefused(repo.fullName);
    await saveTrafficState(ctx, repo, 'refused', null, detail);
    return { rows, refused: detail };
  }
  await saveTrafficState(ctx, repo, 'ok', etags, null);
  reportRestProgress(ctx, repo, 'traffic', { items: rows, pages: 3, done: true });
  return { rows, refused: null };
}

/** Asks a traffic route on the last etag of its kind (null when unchanged), keeping the new one. */
function conditionalAsk(ctx: GithubContext, repo: RepoRef, etags: TrafficCursor) {
  return async <T>(key: keyof TrafficCursor, route: string, query: object): Promise<T | null> => {
    ctx.signal?.throwIfAborted();
    try {
      const response = await ctx.client.octokit.request(route, {
        owner: repo.owner,
        repo: repo.name,
        ...query,
        headers: etags[key] ? { 'if-none-match': etags[key] } : {},
      });
      etags[key] = response.headers.etag ?? null;
      return response.data as T;
    } catch (error) {
      if (httpStatus(error) === 304) return null;
      throw error;
    }
  };
}

async function saveTrafficState(
  ctx: GithubContext,
  repo: RepoRef,
  status: 'ok' | 'refused',
  etags: TrafficCursor | null,
  detail: string | null,
): Promise<void> {
  await saveSyncState(ctx.db, {
    resource: 'traffic',
    scope: repo.id,
    cursor: etags ? JSON.stringify(etags) : null,
    etag: null,
    status,
    detail,
    updated_at: ctx.now().toISOString(),
  });
}
