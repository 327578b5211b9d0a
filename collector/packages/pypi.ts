/**
 * PyPI's download statistics: `GET {root}/api/packages/{project}/overall?mirrors=false` → downloads
 * per UTC day over about the last 180 days, known mirrors left out, refreshed once a day. The whole
 * window comes in one answer, so a pass asks once a day per project, and days older than the
 * window stay as they were stored. The service allows about 30 requests a minute per address.
 */
import { findLatestDownloadDay } from '../../db/queries/packages.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import type { PackageDownloadDayTable } from '../../db/schema.js';
import type { PackageContext, PackageOutcome } from './context.js';
import { readToday, shiftDay, storeDownloadDays, utcDay } from './context.js';

export interface PypiOverallJson {
  data: { category: string; date: string; downloads: number }[];
  package: string;
  type: 'overall_downloads';
}

/** Days without mirrors only (asked for, but the answer says which is which, so check). */
export function toPypiRows(payload: PypiOverallJson, project: string): PackageDownloadDayTable[] {
  return payload.data
    .filter((d) => d.category === 'without_mirrors')
    .map((d) => ({ source: 'pypi', package: project, day: d.date, downloads: d.downloads }));
}

/** PEP 503's normalized name, the one the statistics are kept under. */
export const normalizeProject = (name: string): string =>
  name.toLowerCase().replace(/[-_.]+/g, '-');

export async function collectPypiProject(
  ctx: PackageContext,
  project: string,
): Promise<PackageOutcome> {
  const now = ctx.now();
  const yesterday = shiftDay(utcDay(now), -1);
  const state = await findSyncState(ctx.db, 'pypi_downloads', project);
  const latest = await findLatestDownloadDay(ctx.db, 'pypi', project);
  if (!ctx.backfill && readToday(state, now) && (latest === null || latest >= yesterday))
    return { rows: 0, requests: 0 };
  const before = ctx.http.usage.requests;
  const url = `${ctx.baseUrl}/api/packages/${encodeURIComponent(normalizeProject(project))}/overall?mirrors=false`;
  const served = toPypiRows((await ctx.http.getJson(url)) as PypiOverallJson, project);
  // Older days were stored by an earlier pass; the newest stored one is read again, as with npm.
  const rows =
    latest === null || ctx.backfill ? served : served.filter((r) => r.day >= shiftDay(latest, -1));
  await storeDownloadDays(
    ctx.db,
    'pypi_downloads',
    project,
    rows,
    latest,
    `${rows.length} days read`,
    now,
  );
  ctx.progress({
    source: 'packages',
    scope: `pypi ${project}`,
    resource: 'downloads',
    items: rows.length,
    pages: 1,
    total: null,
    rateRemaining: null,
    done: true,
  });
  return { rows: rows.length, requests: ctx.http.usage.requests - before };
}
