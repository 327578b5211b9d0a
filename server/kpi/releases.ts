/**
 * Release downloads per day from cumulative `download_count` readings, pure. An asset's downloads
 * between two reads are the difference of its counts; an asset first seen after the repository's
 * first read is new, so all its downloads are since then; an asset that is gone (deleted) adds
 * nothing, and a count that went down (never seen, but cheap to guard) adds 0, so a day is never
 * negative. The first read of a repository only sets the baseline: no value that day. When reads are
 * days apart, the downloads between them are spread evenly over those days (whole downloads, the
 * remainder on the latest days), so a missed pass leaves no spike and the total stays exact.
 */
import { dayOf, daysBetween, addDays, dayRange } from '../../shared/dates.js';
import type { Point } from './series.js';
import type { ScopedSeries } from './traffic.js';

export interface AssetCountRow {
  repo_id: string;
  asset_id: string;
  day: string;
  downloads: number;
}

/**
 * Downloads per day for each repository and 'all', from each repository's first read to `today`.
 * `firstReads`: the day each repository's releases were first read; assets first seen after it (a
 * repository that had none then) are new, so their whole count is downloads of the day they appear.
 */
export function releaseDownloadSeries(
  rows: readonly AssetCountRow[],
  today: string,
  firstReads: ReadonlyMap<string, string> = new Map(),
): ScopedSeries[] {
  const perRepo = new Map<string, Map<string, Map<string, number>>>();
  for (const row of rows) {
    if (row.day > today) continue;
    let days = perRepo.get(row.repo_id);
    if (!days) perRepo.set(row.repo_id, (days = new Map()));
    let assets = days.get(row.day);
    if (!assets) days.set(row.day, (assets = new Map()));
    assets.set(row.asset_id, row.downloads);
  }
  const all = new Map<string, number>();
  const out: ScopedSeries[] = [];
  for (const [repo, reads] of [...perRepo].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const firstRows = [...reads.keys()].sort()[0]!;
    const firstRead = firstReads.get(repo);
    const first = firstRead !== undefined && firstRead < firstRows ? firstRead : firstRows;
    // Read before with no assets: the day before the first assets is an empty read.
    if (first < firstRows) reads.set(addDays(firstRows, -1), new Map());
    const daily = dailyDownloads(reads);
    for (const [day, v] of daily) all.set(day, (all.get(day) ?? 0) + v);
    out.push({ scope: repo, points: fromFirstRead(first, daily, today) });
  }
  if (out.length === 0) return [];
  const first = out.map((s) => s.points[0]!.t).reduce((a, b) => (a < b ? a : b));
  return [{ scope: 'all', points: fromFirstRead(first, all, today) }, ...out];
}

/** Downloads per day from reads (day → asset → cumulative count); the first read day has none. */
export function dailyDownloads(
  reads: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Map<string, number> {
  const days = [...reads.keys()].sort();
  const out = new Map<string, number>();
  for (let i = 1; i < days.length; i++) {
    const before = reads.get(days[i - 1]!)!;
    let total = 0;
    for (const [asset, count] of reads.get(days[i]!)!) {
      total += Math.max(0, count - (before.get(asset) ?? 0));
    }
    spread(out, days[i - 1]!, days[i]!, total);
  }
  return out;
}

/** `total` over the days after `from` up to `to`, evenly, the remainder on the latest days. */
function spread(out: Map<string, number>, from: string, to: string, total: number): void {
  const n = daysBetween(from, to);
  const base = Math.floor(total / n);
  const extra = total - base * n;
  for (let k = 1; k <= n; k++) out.set(addDays(from, k), base + (k > n - extra ? 1 : 0));
}

/** The first read day is null (a baseline), days after it that have no value yet are null too. */
function fromFirstRead(first: string, daily: ReadonlyMap<string, number>, today: string): Point[] {
  return dayRange(first, today).map((t) => ({ t, v: daily.get(t) ?? null }));
}

export interface ReleaseRow {
  repo: string;
  tag: string;
  published_at: string | null;
}

export interface ReleaseMarker {
  repo: string;
  tag: string;
  day: string;
}

/** Published releases with their day (in the project's time zone) within [from, to], oldest first. */
export function releaseMarkers(
  releases: readonly ReleaseRow[],
  timeZone: string,
  from: string,
  to: string,
): ReleaseMarker[] {
  return releases
    .filter((r): r is ReleaseRow & { published_at: string } => r.published_at !== null)
    .map((r) => ({ repo: r.repo, tag: r.tag, day: dayOf(r.published_at, timeZone) }))
    .filter((m) => m.day >= from && m.day <= to)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.repo < b.repo ? -1 : 1));
}
