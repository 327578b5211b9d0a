/**
 * Package downloads as daily series, pure: `npm.downloads` and `pypi.downloads` from the counts
 * per UTC day the sources report, `docker.pulls` from Docker Hub's running total. Each series is
 * per package (scope = the package name, like a repository) plus scope 'all', the sum.
 * A day nobody counted is null, never 0: before a package's first stored day, after the newest
 * day the source has counted, and (Docker) before the second snapshot.
 */
import { dayRange } from '../../shared/dates.js';
import type { Point } from './series.js';

export const ALL = 'all';

export interface DownloadDay {
  package: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  downloads: number;
}

/** A repository's last `pull_count` snapshot of a day. */
export interface PullCountDay {
  repository: string;
  day: string;
  pull_count: number;
}

/**
 * Downloads per day over [from, to], per package and in all. Between a package's first and newest
 * stored day a missing day is 0 (PyPI's statistics leave out days without downloads).
 */
export function downloadSeries(
  rows: readonly DownloadDay[],
  from: string,
  to: string,
): Map<string, Point[]> {
  const byPackage = new Map<string, Map<string, number>>();
  for (const row of rows) {
    let days = byPackage.get(row.package);
    if (!days) byPackage.set(row.package, (days = new Map()));
    days.set(row.day, row.downloads);
  }
  const series = new Map<string, Point[]>();
  for (const [pkg, days] of [...byPackage].sort(([a], [b]) => a.localeCompare(b))) {
    const known = [...days.keys()].sort();
    const first = known[0]!;
    const last = known.at(-1)!;
    series.set(
      pkg,
      dayRange(from, to).map((t) => ({
        t,
        v: t < first || t > last ? null : (days.get(t) ?? 0),
      })),
    );
  }
  series.set(ALL, sumSeries([...series.values()], from, to));
  return series;
}

/**
 * Pulls per day from each day's last `pull_count`: the rise since the previous snapshot day. When
 * days without a snapshot lie between (no pass ran), the rise is spread evenly over them, so a
 * week's sum stays right and no single day spikes. A fall (a reset on Docker Hub's side) is null.
 */
export function dailyPulls(
  counts: readonly PullCountDay[],
  from: string,
  to: string,
): Map<string, Point[]> {
  const byRepo = new Map<string, PullCountDay[]>();
  for (const c of counts) {
    const list = byRepo.get(c.repository) ?? [];
    list.push(c);
    byRepo.set(c.repository, list);
  }
  const series = new Map<string, Point[]>();
  for (const [repo, list] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    const perDay = pullsPerDay(list.sort((a, b) => a.day.localeCompare(b.day)));
    series.set(
      repo,
      dayRange(from, to).map((t) => ({ t, v: perDay.get(t) ?? null })),
    );
  }
  series.set(ALL, sumSeries([...series.values()], from, to));
  return series;
}

function pullsPerDay(sorted: readonly PullCountDay[]): Map<string, number | null> {
  const perDay = new Map<string, number | null>();
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    const days = dayRange(previous.day, current.day).slice(1);
    const rise = current.pull_count - previous.pull_count;
    if (rise < 0) {
      for (const day of days) perDay.set(day, null);
      continue;
    }
    const share = Math.floor(rise / days.length);
    const rest = rise - share * days.length;
    // The remainder goes to the newest days, one each.
    days.forEach((day, k) => perDay.set(day, share + (k >= days.length - rest ? 1 : 0)));
  }
  return perDay;
}

/** Day by day, the sum of the series that have a value that day; null where none has. */
export function sumSeries(series: readonly Point[][], from: string, to: string): Point[] {
  return dayRange(from, to).map((t, i) => {
    let total: number | null = null;
    for (const points of series) {
      const v = points[i]?.t === t ? points[i]!.v : (points.find((p) => p.t === t)?.v ?? null);
      if (v !== null) total = (total ?? 0) + v;
    }
    return { t, v: total };
  });
}

/** The sum over the last `days` points that have a value (a per-period metric's `current`). */
export function sumOfLastDays(points: readonly Point[], days: number): number | null {
  let total: number | null = null;
  for (const p of points.slice(-days)) if (p.v !== null) total = (total ?? 0) + p.v;
  return total;
}
