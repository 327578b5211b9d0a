/**
 * One digest model for a week, rendered per platform: each key result with its week-over-week
 * change, the week's new contributors and first merged pull requests, what waits longest for a
 * first response, and collection problems.
 */
import type { Kysely } from 'kysely';
import type { Objective } from '../../config/load.js';
import {
  findFailedRuns,
  findFirstMergedPullRequests,
  findIssuesAwaitingResponse,
  findNewContributors,
  findPullRequestsAwaitingResponse,
} from '../../db/queries/digest.js';
import type { Database } from '../../db/schema.js';
import { addDays, dayOf, isoWeek, isoWeekRange, weekStart } from '../../shared/dates.js';
import { evaluateOkrs } from '../metrics/read.js';
import { findCollectedSources, whyNoValue } from '../report/no-value.js';
import type { KeyResult, OkrsResponse } from '../schemas/okrs.js';

export interface DigestKeyResult extends Pick<
  KeyResult,
  | 'id'
  | 'label'
  | 'unit'
  | 'direction'
  | 'status'
  | 'current'
  | 'target'
  | 'forecast'
  | 'deadline'
  | 'start'
  | 'probability'
  | 'periods'
  | 'baselineFrom'
> {
  objective: string;
  /** Change over the last 7 days, null without data a week back. */
  change: number | null;
  /** Without a current value, why (the dashboard's words: not collected yet, nothing recorded). */
  noValue: string | null;
  /** With a value but no change: the first day of its history, less than a week ago. */
  historyFrom: string | null;
}

export interface Waiting {
  repo: string;
  number: number;
  title: string;
  createdAt: string;
}

export interface DigestModel {
  project: string;
  week: { key: string; from: string; to: string };
  dashboardUrl: string | null;
  keyResults: DigestKeyResult[];
  newContributors: { logins: string[]; unlinked: number };
  firstMerges: { repo: string; number: number; title: string; author: string | null }[];
  waitingIssues: { items: Waiting[]; total: number };
  waitingPullRequests: { items: Waiting[]; total: number };
  problems: { source: string; finishedAt: string | null; error: string | null }[];
}

export interface DigestSettings {
  project: string;
  timezone: string;
  okrs: readonly Objective[];
  dashboardUrl?: string | null;
}

/** The last full week (Monday to Sunday) before `now`, as `YYYY-Www`. */
export function lastFullWeek(now: Date, timeZone: string): string {
  return isoWeek(addDays(weekStart(dayOf(now, timeZone)), -7));
}

const WAITING_SHOWN = 5;

export async function buildDigest(
  db: Kysely<Database>,
  settings: DigestSettings,
  week: string,
  now: Date,
): Promise<DigestModel> {
  const range = isoWeekRange(week);
  if (!range) throw new Error(`"${week}" is not an ISO week; write it like 2026-W47.`);
  // Stored instants are UTC; the week's bounds are days in the project's zone, close enough at day scale.
  const from = `${range.from}T00:00:00.000Z`;
  const to = `${addDays(range.to, 1)}T00:00:00.000Z`;
  const okrs = await evaluateOkrs(db, settings.project, settings.okrs, settings.timezone, now);
  const [contributors, firstMerges, issues, pulls, problems, collected] = await Promise.all([
    findNewContributors(db, from, to),
    findFirstMergedPullRequests(db, from, to),
    findIssuesAwaitingResponse(db, WAITING_SHOWN),
    findPullRequestsAwaitingResponse(db, WAITING_SHOWN),
    findFailedRuns(db, from, to),
    findCollectedSources(db),
  ]);
  const today = dayOf(now, settings.timezone);
  const keyResults = withWeeklyChange(okrs, addDays(today, -7), (kr) =>
    whyNoValue(kr.metric, collected, { first: null, asOf: today }),
  );
  return {
    project: settings.project,
    week: { key: week, ...range },
    dashboardUrl: settings.dashboardUrl ?? null,
    keyResults,
    newContributors: {
      logins: contributors.filter((c) => c.login !== null).map((c) => c.login!),
      unlinked: contributors.filter((c) => c.login === null).length,
    },
    firstMerges: firstMerges.map((m) => ({
      repo: m.repo,
      number: m.number,
      title: m.title,
      author: m.author,
    })),
    waitingIssues: { items: waiting(issues.rows), total: issues.total },
    waitingPullRequests: { items: waiting(pulls.rows), total: pulls.total },
    problems: problems.map((p) => ({
      source: p.source,
      finishedAt: p.finished_at,
      error: p.error,
    })),
  };
}

/**
 * Each evaluated key result with its change since `weekAgo` (its last value on or before then), or
 * without one, the first day of its history; without a value, `why`.
 */
function withWeeklyChange(
  okrs: OkrsResponse,
  weekAgo: string,
  why: (kr: KeyResult) => string,
): DigestKeyResult[] {
  return okrs.objectives.flatMap((o) =>
    o.keyResults.map((kr) => {
      const before =
        [...kr.recent].reverse().find((p) => p.t <= weekAgo && p.v !== null)?.v ?? null;
      const change = kr.current !== null && before !== null ? kr.current - before : null;
      const first = kr.recent.find((p) => p.v !== null)?.t ?? null;
      return {
        objective: o.objective,
        id: kr.id,
        label: kr.label,
        unit: kr.unit,
        direction: kr.direction,
        status: kr.status,
        current: kr.current,
        target: kr.target,
        forecast: kr.forecast,
        deadline: kr.deadline,
        start: kr.start,
        probability: kr.probability,
        periods: kr.periods,
        baselineFrom: kr.baselineFrom,
        change,
        noValue: kr.current === null ? why(kr) : null,
        historyFrom: kr.current !== null && change === null ? first : null,
      };
    }),
  );
}

function waiting(rows: { repo: string; number: number; title: string; created_at: string }[]) {
  return rows.map((r) => ({
    repo: r.repo,
    number: r.number,
    title: r.title,
    createdAt: r.created_at,
  }));
}
