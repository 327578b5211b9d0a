/**
 * Pull requests and issues read the same way: opened on their creation day, ended (merged or
 * closed) on the end day with the hours it took, and a first response (review or comment) counted
 * on the creation day. Bots' items are not stored for the rollups (db/queries/metrics.ts).
 */
import { dailyCounts, windowPercentileOf, type DayValues, type Point } from '../series.js';
import type { WindowResume } from '../sliding.js';
import { instantMs } from '../zone-days.js';
import { perRepoScope } from './context.js';
import { ACTIVE_WINDOW_DAYS } from './contributors.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { MetricArea, RollupContext, ScopedPoints } from './types.js';

export interface WorkItemView {
  range: [string, string];
  opened: string[];
  /** Merged PRs or closed issues: the end day and hours from creation, by day. */
  ended: DayValues;
  /** Items with a first response: the creation day and hours to the response, by day. */
  responded: DayValues;
}

const HOUR = 3_600_000;
const hours = (from: string, to: string) => (instantMs(to) - instantMs(from)) / HOUR;

interface Item {
  repo_id: string;
  created_at: string;
}

/** How an item's end (merge or close) and first response are read off its row. */
interface ItemTimes<T extends Item> {
  endedAt(item: T): string | null;
  respondedAt(item: T): string | null;
}

type ItemRows = Omit<WorkItemView, 'range'>;
/** Rows of every repository, each with its repository: what the scopes' rows are picked from. */
interface AllItemRows {
  /** Each item's creation day, in the order of the stored rows (its repository is the row's). */
  opened: string[];
  ended: RepoDayValues;
  responded: RepoDayValues;
}

/** Days and values by day, and the repository of each (three columns, no object per item). */
interface RepoDayValues extends DayValues {
  repos: readonly string[];
}

/**
 * The items that have a day (`dayOf` not null) as columns in day order, same-day items in their
 * order: bucketed by day, then each value read as it is placed (no unsorted copy to sort).
 */
function byDayColumns<T extends Item>(
  items: readonly T[],
  dayOf: (item: T, n: number) => string | null,
  valueOf: (item: T) => number,
): RepoDayValues {
  const buckets = new Map<string, number[]>();
  let count = 0;
  items.forEach((item, n) => {
    const day = dayOf(item, n);
    if (day === null) return;
    const bucket = buckets.get(day);
    if (bucket) bucket.push(n);
    else buckets.set(day, [n]);
    count++;
  });
  const days = new Array<string>(count);
  const values = new Array<number>(count);
  const repos = new Array<string>(count);
  let k = 0;
  for (const day of [...buckets.keys()].sort())
    for (const n of buckets.get(day)!) {
      days[k] = day;
      values[k] = valueOf(items[n]!);
      repos[k++] = items[n]!.repo_id;
    }
  return { days, values, repos };
}

/** One repository's part of `all` (still by day). */
function ofRepo(all: RepoDayValues, repo: string): DayValues {
  const days: string[] = [];
  const values: number[] = [];
  all.repos.forEach((r, i) => {
    if (r !== repo) return;
    days.push(all.days[i]!);
    values.push(all.values[i]!);
  });
  return { days, values };
}

/**
 * Every item's days and hours, once for all scopes; by day once (the windows slide in order). Read
 * off the stored rows, not off a renamed copy of them (at 10× history, a copy was 17 MB more).
 */
function allItemRows<T extends Item>(
  ctx: RollupContext,
  items: readonly T[],
  times: ItemTimes<T>,
): AllItemRows {
  const opened = items.map((i) => ctx.day(i.created_at));
  const ended = byDayColumns(
    items,
    (i) => {
      const at = times.endedAt(i);
      return at === null ? null : ctx.day(at);
    },
    (i) => hours(i.created_at, times.endedAt(i)!),
  );
  const responded = byDayColumns(
    items,
    (i, n) => (times.respondedAt(i) === null ? null : opened[n]!),
    (i) => hours(i.created_at, times.respondedAt(i)!),
  );
  return { opened, ended, responded };
}

/**
 * One scope's rows, picked from those of all repositories (still by day): each item's days and
 * hours are worked out once, not once for `all` and again for its repository.
 */
function itemRows<T extends Item>(
  ctx: RollupContext,
  table: 'pullRequests' | 'issues',
  times: ItemTimes<T>,
  repo: string | null,
): ItemRows {
  const items = ctx.ofRepo(table, null) as unknown as readonly T[];
  const all = ctx.memo(`${table}:all-scopes`, () => allItemRows(ctx, items, times));
  const mine = (rows: RepoDayValues): DayValues => (repo === null ? rows : ofRepo(rows, repo));
  return {
    opened: repo === null ? all.opened : all.opened.filter((_, n) => items[n]!.repo_id === repo),
    ended: mine(all.ended),
    responded: mine(all.responded),
  };
}

/** The rows part is shared by the metrics of one refresh; the range is each metric's own. */
function withRange(ctx: RollupContext, rows: ItemRows, scope: string): WorkItemView | null {
  const range = ctx.span(rows.opened, scope);
  return range ? { ...rows, range } : null;
}

type PullRequestRow = RawData['pullRequests'][number];
type IssueRow = RawData['issues'][number];

function pullRequestView(ctx: RollupContext, repo: string | null, scope: string) {
  const rows = ctx.memo(`prs:${scope}`, () =>
    itemRows<PullRequestRow>(
      ctx,
      'pullRequests',
      { endedAt: (p) => p.merged_at, respondedAt: (p) => p.first_review_at },
      repo,
    ),
  );
  return withRange(ctx, rows, scope);
}

/** A scope's issues: opened, closed (with the hours it took) and first responses, by day. */
export function issueView(ctx: RollupContext, repo: string | null, scope: string) {
  const rows = ctx.memo(`issues:${scope}`, () =>
    itemRows<IssueRow>(
      ctx,
      'issues',
      { endedAt: (i) => i.closed_at, respondedAt: (i) => i.first_response_at },
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
  (p: number, items: (v: WorkItemView) => DayValues) =>
  (v: WorkItemView, resume: WindowResume | null) =>
    windowPercentileOf(items(v), ...v.range, ACTIVE_WINDOW_DAYS, p, resume);

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
    description: 'Pull requests opened (not by bots).',
    compute: from(
      pullRequestView,
      counted((v) => v.opened),
    ),
  }),
  defineMetric({
    ...counts('github.prs.merged', 'Pull requests merged', 'contributors', 'pullRequests'),
    description: 'Pull requests merged (not opened by bots).',
    compute: from(
      pullRequestView,
      counted((v) => v.ended.days),
    ),
  }),
  defineMetric({
    ...durations('github.prs.merge_time.p50', 'PR merge time (median)', 'pullRequests'),
    description:
      'Median time from opening to merging, over the pull requests merged in the last 90 days.',
    compute: from(
      pullRequestView,
      percentile(50, (v) => v.ended),
    ),
  }),
  defineMetric({
    ...durations('github.prs.merge_time.p90', 'PR merge time (90th percentile)', 'pullRequests'),
    description:
      'The time from opening to merging that nine in ten of the pull requests merged in the last 90 days stayed within.',
    compute: from(
      pullRequestView,
      percentile(90, (v) => v.ended),
    ),
  }),
  defineMetric({
    ...durations('github.prs.first_review.p50', 'Time to first review (median)', 'pullRequests'),
    description:
      'Median time from opening a pull request to its first review by someone else, over the pull requests opened in the last 90 days that have one.',
    compute: from(
      pullRequestView,
      percentile(50, (v) => v.responded),
    ),
  }),
];

export const issueMetrics = [
  defineMetric({
    ...counts('github.issues.opened', 'Issues opened', 'community', 'issues'),
    description: 'Issues opened (not pull requests; not by bots).',
    compute: from(
      issueView,
      counted((v) => v.opened),
    ),
  }),
  defineMetric({
    ...counts('github.issues.closed', 'Issues closed', 'community', 'issues'),
    description: 'Issues closed (not pull requests; not opened by bots).',
    compute: from(
      issueView,
      counted((v) => v.ended.days),
    ),
  }),
  defineMetric({
    ...durations('github.issues.first_response.p50', 'Time to first response (median)', 'issues'),
    description:
      'Median time from opening an issue to its first comment, review or close by anyone but its author, over the issues opened in the last 90 days that have one.',
    compute: from(
      issueView,
      percentile(50, (v) => v.responded),
    ),
  }),
  defineMetric({
    ...durations('github.issues.close_time.p50', 'Time to close (median)', 'issues'),
    description: 'Median time from opening to closing, over the issues closed in the last 90 days.',
    compute: from(
      issueView,
      percentile(50, (v) => v.ended),
    ),
  }),
];
