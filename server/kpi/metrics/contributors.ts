/** Contributors from contributions (merged PRs and mainline commits, see DESIGN.md), per scope. */
import {
  byDay,
  cumulativeCounts,
  dailyCounts,
  windowBusFactor,
  windowDistinct,
  type Point,
} from '../series.js';
import type { WindowResume } from '../sliding.js';
import { perRepoScope } from './context.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext, ScopedPoints } from './types.js';

export const ACTIVE_WINDOW_DAYS = 90;
export const BUS_FACTOR_WINDOW_DAYS = 365;

interface ContributionView {
  contributions: readonly { day: string; key: string }[];
  range: [string, string];
}

/** The rows part is shared by the metrics of one refresh; the range is each metric's own. */
function contributionView(
  ctx: RollupContext,
  repo: string | null,
  scope: string,
): ContributionView | null {
  const rows = ctx.memo(`contributions:${scope}`, () => {
    // Each contribution's day once for all scopes, by day once (the windows slide in that order);
    // a repository's are picked from them, still by day.
    const all = ctx.memo('contributions:all-scopes', () =>
      byDay(
        ctx
          .ofRepo('contributions', null)
          .map((c) => ({ day: ctx.day(c.at), key: c.contributor, repo: c.repo_id })),
      ),
    );
    const contributions = repo === null ? all : all.filter((c) => c.repo === repo);
    return { contributions, days: contributions.map((c) => c.day) };
  });
  const range = ctx.span(rows.days, scope);
  return range ? { contributions: rows.contributions, range } : null;
}

/**
 * The day each person first contributed to the scope: from every contribution (a full rebuild),
 * or from the firsts an incremental refresh loads (`contributorFirsts`: everyone new since its
 * rows begin, with their firsts elsewhere; the others are not new on any day it recomputes).
 */
function firstDaysOf(data: RawData, ctx: RollupContext, repo: string | null, scope: string) {
  return ctx.memo(`contributions:firsts:${scope}`, () => {
    const firsts = data.contributorFirsts;
    const first = new Map<string, string>();
    const meet = (key: string, day: string) => {
      const known = first.get(key);
      if (known === undefined || day < known) first.set(key, day);
    };
    if (firsts === null) {
      const view = contributionView(ctx, repo, scope);
      for (const c of view?.contributions ?? []) meet(c.key, c.day);
    } else
      for (const f of firsts)
        if (repo === null || f.repo_id === repo) meet(f.contributor, ctx.day(f.at));
    return [...first.values()];
  });
}

const fromContributions =
  (series: (view: ContributionView, resume: WindowResume | null) => Point[]) =>
  (_data: RawData, ctx: RollupContext): ScopedPoints[] =>
    perRepoScope(ctx, (repo, scope) => {
      const view = contributionView(ctx, repo, scope);
      return view && series(view, ctx.window(scope));
    });

/** Per scope, from the day each person first contributed there, over the scope's range. */
const fromFirstDays =
  (
    series: (firstDays: string[], range: [string, string], carried: number | undefined) => Point[],
  ) =>
  (data: RawData, ctx: RollupContext): ScopedPoints[] =>
    perRepoScope(ctx, (repo, scope) => {
      const view = contributionView(ctx, repo, scope);
      const carried = ctx.carried(scope);
      return (
        view &&
        series(
          firstDaysOf(data, ctx, repo, scope),
          view.range,
          typeof carried === 'number' ? carried : undefined,
        )
      );
    });

export const contributorMetrics = [
  defineMetric({
    id: 'github.contributors',
    label: 'Contributors (all time)',
    description:
      'People with at least one contribution ever (a merged pull request, or a commit pushed to the main branch outside one).',
    unit: 'people',
    kind: 'level',
    area: 'contributors',
    reads: ['repos', 'contributions', 'contributorFirsts'],
    incremental: true,
    // In an incremental refresh, on from the stored count (the firsts loaded are those of the
    // people new since, not everyone's).
    compute: fromFirstDays((firstDays, range, carried) =>
      cumulativeCounts(firstDays, ...range, carried),
    ),
  }),
  defineMetric({
    id: 'github.contributors.new',
    label: 'New contributors',
    description: 'People whose first contribution came in the period.',
    unit: 'people',
    kind: 'per_period',
    area: 'contributors',
    reads: ['repos', 'contributions', 'contributorFirsts'],
    incremental: true,
    compute: fromFirstDays((firstDays, range) => dailyCounts(firstDays, ...range)),
  }),
  defineMetric({
    id: 'github.contributors.active',
    label: 'Active contributors (90 days)',
    description: 'People with a contribution in the last 90 days.',
    unit: 'people',
    kind: 'window',
    windowDays: ACTIVE_WINDOW_DAYS,
    area: 'contributors',
    reads: ['repos', 'contributions'],
    incremental: true,
    keepsWindow: true,
    compute: fromContributions((v, resume) =>
      windowDistinct(v.contributions, ...v.range, ACTIVE_WINDOW_DAYS, resume),
    ),
  }),
  defineMetric({
    id: 'github.bus_factor',
    label: 'Bus factor',
    description:
      'The fewest people who together made half of the contributions of the last 365 days: the higher, the less the project rests on a few.',
    unit: 'people',
    kind: 'window',
    windowDays: BUS_FACTOR_WINDOW_DAYS,
    area: 'contributors',
    reads: ['repos', 'contributions'],
    incremental: true,
    keepsWindow: true,
    compute: fromContributions((v, resume) =>
      windowBusFactor(v.contributions, ...v.range, BUS_FACTOR_WINDOW_DAYS, resume),
    ),
  }),
  defineMetric({
    id: 'github.contributions',
    label: 'Contributions',
    description:
      'Units of work landed: each a merged pull request, or a commit pushed to the main branch outside one.',
    unit: 'count',
    kind: 'per_period',
    area: 'contributors',
    reads: ['repos', 'contributions'],
    incremental: true,
    compute: fromContributions((v) =>
      dailyCounts(
        v.contributions.map((c) => c.day),
        ...v.range,
      ),
    ),
  }),
];
