/** The ratio metrics (shares from 0 to 1, shown as percentages); the math is in ../ratios.ts. */
import { acceptanceRate, closureRatio, contributingShare, RATIO_WINDOW_DAYS } from '../ratios.js';
import { perRepoScope } from './context.js';
import { defineMetric } from './define.js';

/** A scope's rows picked from those of every repository (their days worked out once for all scopes). */
const ofScope = <T extends { repo: string }>(repo: string | null, all: () => T[]): T[] =>
  repo === null ? all() : all().filter((row) => row.repo === repo);

export const ratioMetrics = [
  defineMetric({
    id: 'github.prs.acceptance_rate',
    label: 'PR acceptance rate (90 days)',
    unit: 'ratio',
    kind: 'window',
    windowDays: RATIO_WINDOW_DAYS,
    area: 'contributors',
    reads: ['repos', 'pullRequests'],
    incremental: true,
    keepsWindow: true,
    compute: (_data, ctx) =>
      perRepoScope(ctx, (repo, scope) => {
        const prs = ofScope(repo, () =>
          ctx.memo('pullRequests:ratio-days', () =>
            ctx.ofRepo('pullRequests', null).map((p) => ({
              repo: p.repo_id,
              mergedDay: p.merged_at ? ctx.day(p.merged_at) : null,
              closedDay: p.closed_at ? ctx.day(p.closed_at) : null,
            })),
          ),
        );
        const range = ctx.span(
          prs.flatMap((p) => p.mergedDay ?? p.closedDay ?? []),
          scope,
        );
        return range && acceptanceRate(prs, ...range, RATIO_WINDOW_DAYS, ctx.window(scope));
      }),
  }),
  defineMetric({
    id: 'github.issues.closure_ratio',
    label: 'Issue closure ratio (90 days)',
    unit: 'ratio',
    kind: 'window',
    windowDays: RATIO_WINDOW_DAYS,
    area: 'community',
    reads: ['repos', 'issues'],
    incremental: true,
    keepsWindow: true,
    compute: (_data, ctx) =>
      perRepoScope(ctx, (repo, scope) => {
        const issues = ofScope(repo, () =>
          ctx.memo('issues:ratio-days', () =>
            ctx.ofRepo('issues', null).map((i) => ({
              repo: i.repo_id,
              openedDay: ctx.day(i.created_at),
              closedDay: i.closed_at ? ctx.day(i.closed_at) : null,
            })),
          ),
        );
        const range = ctx.span(
          issues.map((i) => i.openedDay),
          scope,
        );
        return range && closureRatio(issues, ...range, RATIO_WINDOW_DAYS, ctx.window(scope));
      }),
  }),
  defineMetric({
    id: 'github.forks.contributing_share',
    label: 'Fork owners who contribute',
    unit: 'ratio',
    kind: 'level',
    area: 'growth',
    reads: ['repos', 'forks', 'contributions'],
    incremental: true,
    compute: (_data, ctx) =>
      perRepoScope(ctx, (repo, scope) => {
        const forks = ctx.ofRepo('forks', repo).map((f) => ({
          owner: f.owner,
          ownerType: f.owner_type,
          day: ctx.day(f.created_at),
        }));
        const range = ctx.span(
          forks.map((f) => f.day),
          scope,
        );
        if (!range) return null;
        const firsts = new Map<string, string>();
        for (const c of ctx.ofRepo('contributions', repo)) {
          const day = ctx.day(c.at);
          const known = firsts.get(c.contributor);
          if (known === undefined || day < known) firsts.set(c.contributor, day);
        }
        return contributingShare(forks, firsts, ...range);
      }),
  }),
];
