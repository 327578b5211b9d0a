/** The ratio metrics (shares from 0 to 1, shown as percentages); the math is in ../ratios.ts. */
import {
  acceptanceRateOfDays,
  closureRatioOfDays,
  contributingShare,
  RATIO_WINDOW_DAYS,
} from '../ratios.js';
import { perRepoScope } from './context.js';
import { defineMetric } from './define.js';
import { issueView } from './work-items.js';

export const ratioMetrics = [
  defineMetric({
    id: 'github.prs.acceptance_rate',
    label: 'PR acceptance rate (90 days)',
    description:
      'Of the pull requests decided in the last 90 days, the share merged rather than closed unmerged.',
    unit: 'ratio',
    kind: 'window',
    windowDays: RATIO_WINDOW_DAYS,
    area: 'contributors',
    reads: ['repos', 'pullRequests'],
    incremental: true,
    keepsWindow: true,
    // Two lists of days, not an object per pull request: at 10× history, such a copy of every
    // pull request was a good part of the full rebuild's peak memory.
    compute: (_data, ctx) =>
      perRepoScope(ctx, (repo, scope) => {
        const merged: string[] = [];
        const decided: string[] = [];
        for (const p of ctx.ofRepo('pullRequests', repo)) {
          const at = p.merged_at ?? p.closed_at;
          if (at === null) continue;
          const day = ctx.day(at);
          decided.push(day);
          if (p.merged_at !== null) merged.push(day);
        }
        const range = ctx.span(decided, scope);
        return (
          range &&
          acceptanceRateOfDays(merged, decided, ...range, RATIO_WINDOW_DAYS, ctx.window(scope))
        );
      }),
  }),
  defineMetric({
    id: 'github.issues.closure_ratio',
    label: 'Issue closure ratio (90 days)',
    description:
      'Issues closed in the last 90 days per issue opened in them; above 100% the backlog shrank.',
    unit: 'ratio',
    kind: 'window',
    windowDays: RATIO_WINDOW_DAYS,
    area: 'community',
    reads: ['repos', 'issues'],
    incremental: true,
    keepsWindow: true,
    // From the issues' view the other issue metrics share: no second copy of every issue's days.
    compute: (_data, ctx) =>
      perRepoScope(ctx, (repo, scope) => {
        const v = issueView(ctx, repo, scope);
        return (
          v &&
          closureRatioOfDays(
            v.opened,
            v.ended.days,
            ...v.range,
            RATIO_WINDOW_DAYS,
            ctx.window(scope),
          )
        );
      }),
  }),
  defineMetric({
    id: 'github.forks.contributing_share',
    label: 'Fork owners who contribute',
    description:
      'Of the people who forked a tracked repository, the share who have contributed to one, before or after forking.',
    unit: 'ratio',
    kind: 'level',
    area: 'growth',
    // Each person's first contribution comes with them (db/queries/forks.ts): a full rebuild loads
    // the forks apart from the contributions.
    reads: ['repos', 'forks'],
    incremental: true,
    // Kept: each scope's counts at the end of a day, so an incremental refresh reads the people who
    // forked or first contributed since (db/queries/forks.ts), not everyone who ever forked; without
    // them it reads everyone.
    keepsWindow: true,
    wholeWithoutState: true,
    compute: (data, ctx) => {
      const owners = ctx.memo('fork-owners', () => {
        const byScope = new Map<string, { forked: string; contributed: string | null }[]>();
        for (const o of data.forks.owners) {
          const person = {
            forked: ctx.day(o.forked_at),
            contributed: o.contributed_at === null ? null : ctx.day(o.contributed_at),
          };
          const list = byScope.get(o.scope);
          if (list) list.push(person);
          else byScope.set(o.scope, [person]);
        }
        return byScope;
      });
      return perRepoScope(ctx, (_repo, scope) => {
        const forked = data.forks.scopes.find((s) => s.scope === scope);
        const range = forked && ctx.span([ctx.day(forked.first_forked_at)], scope);
        return range
          ? contributingShare(owners.get(scope) ?? [], ...range, ctx.window(scope))
          : null;
      });
    },
  }),
];
