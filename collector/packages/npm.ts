/**
 * npm's download counts: `GET {root}/downloads/range/{start}:{end}/{package}` → downloads per UTC
 * day. One request covers at most 18 months and nothing before 2015-01-10, and a day's count lands
 * once a day after UTC midnight. The first pass walks back from yesterday, a range at a time, until
 * a range holds no download (the package did not exist yet) or the data begins; later passes ask
 * only from the last stored days (re-read: the latest day can be incomplete) to yesterday.
 */
import { findLatestDownloadDay } from '../../db/queries/packages.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import type { PackageDownloadDayTable } from '../../db/schema.js';
import {
  readToday,
  storeDownloadDays,
  shiftDay,
  utcDay,
  type PackageContext,
  type PackageOutcome,
} from './context.js';

/** The first day npm serves counts for. */
export const NPM_FIRST_DAY = '2015-01-10';
/** Days per request: under 18 months however the months fall. */
export const NPM_RANGE_DAYS = 540;
/** Stored days read again each pass: the newest one may have been counted only in part. */
export const NPM_REREAD_DAYS = 2;

export interface NpmRangeJson {
  downloads: { day: string; downloads: number }[];
  start: string;
  end: string;
  package: string;
}

export function toNpmRows(payload: NpmRangeJson, pkg: string): PackageDownloadDayTable[] {
  return payload.downloads.map((d) => ({
    source: 'npm',
    package: pkg,
    day: d.day,
    downloads: d.downloads,
  }));
}

/** Rows from the first day with a download on: the zeros before a package existed say nothing. */
export function dropLeadingZeros(rows: readonly PackageDownloadDayTable[]) {
  const first = rows.findIndex((r) => r.downloads > 0);
  return first === -1 ? [] : rows.slice(first);
}

/** The ranges a pass asks for going forward from `from` to `to`, each at most NPM_RANGE_DAYS. */
export function forwardRanges(from: string, to: string): [string, string][] {
  const ranges: [string, string][] = [];
  for (let start = from; start <= to; start = shiftDay(start, NPM_RANGE_DAYS)) {
    const end = shiftDay(start, NPM_RANGE_DAYS - 1);
    ranges.push([start, end < to ? end : to]);
  }
  return ranges;
}

export async function collectNpmPackage(ctx: PackageContext, pkg: string): Promise<PackageOutcome> {
  const now = ctx.now();
  const yesterday = shiftDay(utcDay(now), -1);
  const latest = await findLatestDownloadDay(ctx.db, 'npm', pkg);
  const state = await findSyncState(ctx.db, 'npm_downloads', pkg);
  const before = ctx.http.usage.requests;
  if (!ctx.backfill && readToday(state, now) && (latest === null || latest >= yesterday))
    return { rows: 0, requests: 0 };

  const rows =
    latest === null || ctx.backfill
      ? await walkBack(ctx, pkg, yesterday)
      : await readForward(ctx, pkg, shiftDay(latest, -(NPM_REREAD_DAYS - 1)), yesterday);
  await storeDownloadDays(
    ctx.db,
    'npm_downloads',
    pkg,
    rows,
    latest,
    rows.length > 0 ? `${rows.length} days read` : 'no downloads served yet',
    now,
  );
  return { rows: rows.length, requests: ctx.http.usage.requests - before };
}

async function fetchRange(ctx: PackageContext, pkg: string, start: string, end: string) {
  const url = `${ctx.baseUrl}/downloads/range/${start}:${end}/${encodePackage(pkg)}`;
  return (await ctx.http.getJson(url)) as NpmRangeJson;
}

/** Newest range first, back to the first range without a download or to npm's first day. */
async function walkBack(ctx: PackageContext, pkg: string, yesterday: string) {
  const ranges: PackageDownloadDayTable[][] = [];
  let end = yesterday;
  while (end >= NPM_FIRST_DAY) {
    const wanted = shiftDay(end, -(NPM_RANGE_DAYS - 1));
    const start = wanted < NPM_FIRST_DAY ? NPM_FIRST_DAY : wanted;
    const payload = await fetchRange(ctx, pkg, start, end);
    const rows = toNpmRows(payload, pkg);
    ranges.unshift(rows);
    report(ctx, pkg, dropLeadingZeros(ranges.flat()).length, ranges.length, false);
    if (!rows.some((r) => r.downloads > 0)) break;
    // npm narrows a range it will not serve in full; go on from where its answer began.
    end = shiftDay(payload.start < start ? start : payload.start, -1);
  }
  const rows = dropLeadingZeros(ranges.flat());
  report(ctx, pkg, rows.length, ranges.length, true);
  return rows;
}

async function readForward(ctx: PackageContext, pkg: string, from: string, yesterday: string) {
  const rows: PackageDownloadDayTable[] = [];
  const ranges = forwardRanges(from, yesterday);
  for (const [start, end] of ranges) {
    rows.push(...toNpmRows(await fetchRange(ctx, pkg, start, end), pkg));
  }
  report(ctx, pkg, rows.length, ranges.length, true);
  return rows;
}

/** Days to store so far and requests made, for the progress display. */
function report(ctx: PackageContext, pkg: string, items: number, pages: number, done: boolean) {
  ctx.progress({
    source: 'packages',
    scope: `npm ${pkg}`,
    resource: 'downloads',
    items,
    pages,
    total: null,
    rateRemaining: null,
    done,
  });
}

/** A scoped name stays `@scope/name`, as npm's examples write it; anything else is escaped. */
export const encodePackage = (pkg: string): string =>
  pkg
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/^%40/, '@'))
    .join('/');
