/** Stars and forks: per repository from its history, and `all` as the sum of the repositories. */
import type { Point } from '../series.js';
import { listThenSnapshots, starsFromHistory, starsFromList } from '../star-series.js';
import { perRepoScope } from './context.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext, ScopedPoints } from './types.js';

/** A repository's stars: GitHub's star history, or the stargazer list; today, the snapshot. */
function repoStars(data: RawData, ctx: RollupContext, repo: string): Point[] {
  return ctx.memo(`stars:${repo}`, () => {
    const snapshots = ctx.ofRepo('snapshots', repo);
    return data.starHistory.repos.includes(repo)
      ? starsFromHistory(
          data.starHistory.days.filter((d) => d.repo_id === repo),
          snapshots,
          ctx.timeZone,
          ctx.today,
          ctx.from,
        )
      : starsFromList(
          ctx.ofRepo('stars', repo).map((s) => ({ day: ctx.day(s.starred_at), count: s.stars })),
          snapshots,
          ctx.today,
          ctx.from,
        );
  });
}

/**
 * A repository's forks: counted from the fork list (each fork's creation; forks deleted since are
 * not listed) until the first snapshot, then GitHub's `forks_count` as snapshotted each day.
 */
function repoForks(ctx: RollupContext, repo: string): Point[] | null {
  const points = listThenSnapshots(
    ctx.ofRepo('forkTimes', repo).map((f) => ({ day: ctx.day(f.created_at), count: f.forks })),
    ctx.ofRepo('snapshots', repo).map((s) => ({ day: s.day, value: s.forks })),
    ctx.today,
    ctx.from,
  );
  return points.length === 0 ? null : points;
}

/** Per-repository series, then `all`: their day-by-day sum (a repository counts 0 before its data). */
function summedOverRepos(
  ctx: RollupContext,
  repoSeries: (repo: string) => Point[] | null,
): ScopedPoints[] {
  const parts = perRepoScope(ctx, (repo) => (repo === null ? null : repoSeries(repo)));
  return parts.length === 0
    ? []
    : [{ scope: 'all', points: sumSeries(parts.map((s) => s.points)) }, ...parts];
}

/** Day-by-day sum of series over different ranges; before a series starts it counts 0. */
export function sumSeries(parts: readonly Point[][]): Point[] {
  const days = [...new Set(parts.flatMap((points) => points.map((p) => p.t)))].sort();
  return days.map((t) => ({
    t,
    v: parts.reduce((sum, points) => sum + (valueOn(points, t) ?? 0), 0),
  }));
}

function valueOn(points: readonly Point[], t: string): number | null {
  if (points.length === 0 || t < points[0]!.t) return null;
  // Points are consecutive days from the first: index by offset.
  const index = Math.round((Date.parse(t) - Date.parse(points[0]!.t)) / 86_400_000);
  return points[Math.min(index, points.length - 1)]!.v;
}

export const growthMetrics = [
  defineMetric({
    id: 'github.stars',
    label: 'GitHub stars',
    description: 'Stars on the tracked repositories, added up.',
    unit: 'count',
    kind: 'level',
    area: 'growth',
    reads: ['repos', 'stars', 'starHistory', 'snapshots'],
    incremental: true,
    compute: (data, ctx) => summedOverRepos(ctx, (repo) => repoStars(data, ctx, repo)),
  }),
  defineMetric({
    id: 'github.forks',
    label: 'GitHub forks',
    description: 'Forks of the tracked repositories, added up.',
    unit: 'count',
    kind: 'level',
    area: 'growth',
    reads: ['repos', 'forkTimes', 'snapshots'],
    incremental: true,
    compute: (_data, ctx) => summedOverRepos(ctx, (repo) => repoForks(ctx, repo)),
  }),
];
