/**
 * Pull requests and issues read the same way: opened on their creation day, ended (merged or
 * closed) on the end day with the hours it took, and a first response (review or comment) counted
 * on the creation day. Bots' items are not stored for the rollups (db/queries/metrics.ts).
 */
import { byDay, dailyCounts, windowPercentile, type Point } from '../series.js';
import type { WindowResume } from '../sliding.js';
import { instantMs } from '../zone-days.js';
import { perRepoScope } from './context.js';
import { ACTIVE_WINDOW_DAYS } from './contributors.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { MetricArea, RollupContext, ScopedPoints } from './types.js';

interface Timed {
  day: string;
  value: number;
}

export interface WorkItemView {
  range: [string, string];
  opened: string[];
  /** Merged PRs or closed issues: the end day and hours from creation. */
  ended: Timed[];
  /** Items with a first response: the creation day and hours to the response. */
  responded: Timed[];
}

const HOUR = 3_600_000;
const hours = (from: string, to: string) => (instantMs(to) - instantMs(from)) / HOUR;

interface Item {
  repo_id: string;
  created_at: string;
  ended_at: string | null;
  responded_at: string | null;
}

type ItemRows = Omit<WorkItemView, 'range'>;
/** Rows of every repository, each with its repository: what the scopes' rows are picked from. */
interface AllItemRows {
  opened: { day: string; repo: string }[];
  ended: (Timed & { repo: string })[];
  responded: (Timed & { repo: string })[];
}

/** Every item's days and hours, once for all scopes; by day once (the windows slide in order). */
function allItemRows(ctx: RollupContext, items: readonly Item[]): AllItemRows {
  const opened = items.map((i) => ({ day: ctx.day(i.created_at), repo: i.repo_id }));
  const ended: AllItemRows['ended'] = [];
  const responded: AllItemRows['responded'] = [];
  items.forEach((i, n) => {
    if (i.ended_at !== null)
      ended.push({
        day: ctx.day(i.ended_at),
        value: hours(i.created_at, i.ended_at),
        repo: i.repo_id,
      });
    if (i.responded_at !== null)
      responded.push({
        day: opened[n]!.day,
        value: hours(i.created_at, i.responded_at),
        repo: i.repo_id,
      });
  });
  return { opened, ended: [...byDay(ended)], responded: [...byDay(responded)] };
}

/**
 * One scope's rows, picked from those of all repositories (still by day): each item's days and
 * hours are worked out once, not once for `all` and again for its repository.
 */
function itemRows(
  ctx: RollupContext,
  table: 'pullRequests' | 'issues',
  items: () => readonly Item[],
  repo: string | null,
): ItemRows {
  const all = ctx.memo(`${table}:all-scopes`, () => allItemRows(ctx, items()));
  const mine = <T extends { repo: string }>(rows: T[]) =>
    repo === null ? rows : rows.filter((r) => r.repo === repo);
  return {
    opened: mine(all.opened).map((o) => o.day),
    ended: mine(all.ended),
    responded: mine(all.responded),
  };
}

/** The rows part is shared by the metrics of one refresh; the range is each metric's own. */
function withRange(ctx: RollupContext, rows: ItemRows, scope: string): WorkItemView | null {
  const range = ctx.span(rows.opened, scope);
  return range ? { ...rows, range } : null;
}

function pullRequestView(ctx: RollupContext, repo: string | null, scope: string) {
  const rows = ctx.memo(`prs:${scope}`, () =>
    itemRows(
      ctx,
      'pullRequests',
      () =>
        ctx.ofRepo('pullRequests', null).map((p) => ({
          repo_id: p.repo_id,
          created_at: p.created_at,
          ended_at: p.merged_at,
          responded_at: p.first_review_at,
        })),
      repo,
    ),
  );
  return withRange(ctx, rows, scope);
}

function issueView(ctx: RollupContext, repo: string | null, scope: string) {
  const rows = ctx.memo(`issues:${scope}`, () =>
    itemRows(
      ctx,
      'issues',
      () =>
        ctx.ofRepo('issues', null).map((i) => ({
          repo_id: i.repo_id,
          created_at: i.created_at,
          ended_at: i.closed_at,
          responded_at: i.first_response_at,
        })),
      repo,
    ),
  );
  return withRange(ctx, rows, scope);
}

type ViewOf = (ctx: RollupContext, repo: string | null, scope: string) => WorkItemView | null;

const from =
  (viewOf: ViewOf, series: (view: WorkItemView, resume: WindowResume | null) => Point[]) =>
  (_data: RawData, ctx: RollupContext): ScopedPoints[] =>
    perRepoScope(ctx, (repo, scope) => {
      const v = viewOf(ctx, repo, scope);
      return v && series(v, ctx.window(scope));
    });

const counted = (days: (v: WorkItemView) => readonly string[]) => (v: WorkItemView) =>
  dailyCounts(days(v), ...v.range);
const percentile =
  (p: number, items: (v: WorkItemView) => Timed[]) =>
  (v: WorkItemView, resume: WindowResume | null) =>
    windowPercentile(items(v), ...v.range, ACTIVE_WINDOW_DAYS, p, resume);

const counts = (id: string, label: string, area: MetricArea, table: 'pullRequests' | 'issues') => ({
  id,
  label,
  unit: 'count' as const,
  kind: 'per_period' as const,
  area,
  reads: ['repos', table] as const,
  incremental: true,
});
const durations = (id: string, label: string, table: 'pullRequests' | 'issues') => ({
  id,
  label,
  unit: 'hours' as const,
  kind: 'window' as const,
  windowDays: ACTIVE_WINDOW_DAYS,
  area: 'responsiveness' as const,
  better: 'at_most' as const,
  reads: ['repos', table] as const,
  incremental: true,
  keepsWindow: true,
});

export const pullRequestMetrics = [
  defineMetric({
    ...counts('github.prs.opened', 'Pull requests opened', 'contributors', 'pullRequests'),
    compute: from(
      pullRequestView,
      counted((v) => v.opened),
    ),
  }),
  defineMetric({
    ...counts('github.prs.merged', 'Pull requests merged', 'contributors', 'pullRequests'),
    compute: from(
      pullRequestView,
      counted((v) => v.ended.map((e) => e.day)),
    ),
  }),
  defineMetric({
    ...durations('github.prs.merge_time.p50', 'PR merge time (median)', 'pullRequests'),
    compute: from(
      pullRequestView,
      percentile(50, (v) => v.ended),
    ),
  }),
  defineMetric({
    ...durations('github.prs.merge_time.p90', 'PR merge time (90th percentile)', 'pullRequests'),
    compute: from(
      pullRequestView,
      percentile(90, (v) => v.ended),
    ),
  }),
  defineMetric({
    ...durations('github.prs.first_review.p50', 'Time to first review (median)', 'pullRequests'),
    compute: from(
      pullRequestView,
      percentile(50, (v) => v.responded),
    ),
  }),
];

export const issueMetrics = [
  defineMetric({
    ...counts('github.issues.opened', 'Issues opened', 'community', 'issues'),
    compute: from(
      issueView,
      counted((v) => v.opened),
    ),
  }),
  defineMetric({
    ...counts('github.issues.closed', 'Issues closed', 'community', 'issues'),
    compute: from(
      issueView,
      counted((v) => v.ended.map((e) => e.day)),
    ),
  }),
  defineMetric({
    ...durations('github.issues.first_response.p50', 'Time to first response (median)', 'issues'),
    compute: from(
      issueView,
      percentile(50, (v) => v.responded),
    ),
  }),
  defineMetric({
    ...durations('github.issues.close_time.p50', 'Time to close (median)', 'issues'),
    compute: from(
      issueView,
      percentile(50, (v) => v.ended),
    ),
  }),
];
