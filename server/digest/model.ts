/**
 * One digest model for a week, rendered per platform: each key result as it stood at the week's end
 * (today while the week runs) with the week's own change, the week's new contributors and first
 * merged pull requests, what waits longest for a first response, and collection problems.
 */
import type { Kysely } from 'kysely';
import type { Objective } from '../../config/load.js';
import {
  findFailedRuns,
  findFirstMergedPullRequests,
  findNewContributors,
  findWaitingForDigest,
} from '../../db/queries/digest.js';
import type { Database } from '../../db/schema.js';
import { addDays, dayOf, isoWeek, isoWeekRange, weekStart } from '../../shared/dates.js';
import {
  dashboardLink,
  githubItemUrl,
  keyResultPath,
  waitingPath,
  type ItemKind,
} from '../../shared/links.js';
import { evaluateOkrsOn } from '../metrics/read.js';
import { findCollectedSources, findFirstDays, whyNoValue } from '../report/no-value.js';
import type { KeyResult, OkrsResponse } from '../schemas/okrs.js';

export interface DigestKeyResult extends Pick<
  KeyResult,
  | 'id'
  | 'metric'
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
  /** Change over the week (from the previous week's last day), null without data then. */
  change: number | null;
  /** Without a current value, why (the dashboard's words: not collected yet, nothing recorded). */
  noValue: string | null;
  /** With a value but no change: the first day of its history, within the week. */
  historyFrom: string | null;
  /** Its metric page on the dashboard; null without the dashboard's address. */
  url: string | null;
}

export interface Waiting {
  repo: string;
  number: number;
  title: string;
  createdAt: string;
  /** Whole days it has waited, until now. */
  days: number;
  /** Its page on GitHub. */
  url: string;
}

/**
 * The same few oldest items every week tell nobody anything new: what arrived during the week and
 * still has no answer comes first (the authors are still there to hear back), then the few that
 * have waited longest, and the count of all.
 */
export interface WaitingList {
  /** How many wait now. */
  total: number;
  /** Opened during the week and still waiting: how many, and the longest-waiting of them. */
  openedInWeek: { items: Waiting[]; total: number };
  /** The longest-waiting of those opened before the week. */
  longest: Waiting[];
  /** The dashboard's Waiting page for this kind; null without the dashboard's address. */
  url: string | null;
}

export interface DigestModel {
  project: string;
  /** `asOf`: the day the key results are evaluated on, `to` or today while the week runs. */
  week: { key: string; from: string; to: string; asOf: string };
  dashboardUrl: string | null;
  keyResults: DigestKeyResult[];
  newContributors: { logins: string[]; unlinked: number };
  firstMerges: {
    repo: string;
    number: number;
    title: string;
    author: string | null;
    /** Its page on GitHub. */
    url: string;
  }[];
  waitingIssues: WaitingList;
  waitingPullRequests: WaitingList;
  problems: { source: string; finishedAt: string | null; error: string | null }[];
}

export interface DigestSettings {
  project: string;
  timezone: string;
  okrs: readonly Objective[];
  /** Where people open the dashboard (no trailing slash); null: no links to it. */
  dashboardUrl?: string | null;
  /** GitHub's web address (an Enterprise host's); default https://github.com. */
  githubWebUrl?: string;
}

/** The last full week (Monday to Sunday) before `now`, as `YYYY-Www`. */
export function lastFullWeek(now: Date, timeZone: string): string {
  return isoWeek(addDays(weekStart(dayOf(now, timeZone)), -7));
}

/** How many waiting items of each kind the digest names: from the week, and from before it. */
const WAITING_SHOWN = { openedInWeek: 3, openedBefore: 2 } as const;
const DAY_MS = 86_400_000;

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
  const today = dayOf(now, settings.timezone);
  // The key results as they stood at the week's end, as a report's at its period's end.
  const asOf = range.to < today ? range.to : today;
  const [okrs, contributors, firstMerges, issues, pulls, problems, collected, firstDays] =
    await Promise.all([
      evaluateOkrsOn(db, settings.project, settings.okrs, asOf, now),
      findNewContributors(db, from, to),
      findFirstMergedPullRequests(db, from, to),
      findWaitingForDigest(db, 'issue', { from, to }, WAITING_SHOWN),
      findWaitingForDigest(db, 'pull_request', { from, to }, WAITING_SHOWN),
      findFailedRuns(db, from, to),
      findCollectedSources(db),
      findFirstDays(db),
    ]);
  const dashboard = settings.dashboardUrl ?? null;
  const github = settings.githubWebUrl ?? 'https://github.com';
  const keyResults = withWeeklyChange(okrs, addDays(range.from, -1), (kr) =>
    whyNoValue(kr.metric, collected, { first: firstDays.get(kr.metric) ?? null, asOf }),
  ).map((kr) => ({ ...kr, url: dashboardLink(dashboard, keyResultPath(kr)) }));
  const links = {
    github,
    waitingPage: (kind: ItemKind) => dashboardLink(dashboard, waitingPath(kind)),
  };
  return {
    project: settings.project,
    week: { key: week, ...range, asOf },
    dashboardUrl: dashboard,
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
      url: githubItemUrl(github, m.repo, 'pull_request', m.number),
    })),
    waitingIssues: toWaitingList('issue', issues, links, now),
    waitingPullRequests: toWaitingList('pull_request', pulls, links, now),
    problems: problems.map((p) => ({
      source: p.source,
      finishedAt: p.finished_at,
      error: p.error,
    })),
  };
}

/**
 * Each evaluated key result with its change since `weekBefore` (its last value on or before the
 * previous week's last day), or without one, the first day of its history; without a value, `why`.
 */
function withWeeklyChange(
  okrs: OkrsResponse,
  weekBefore: string,
  why: (kr: KeyResult) => string,
): Omit<DigestKeyResult, 'url'>[] {
  return okrs.objectives.flatMap((o) =>
    o.keyResults.map((kr) => {
      const before =
        [...kr.recent].reverse().find((p) => p.t <= weekBefore && p.v !== null)?.v ?? null;
      const change = kr.current !== null && before !== null ? kr.current - before : null;
      const first = kr.recent.find((p) => p.v !== null)?.t ?? null;
      return {
        objective: o.objective,
        id: kr.id,
        metric: kr.metric,
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

type FoundWaiting = Awaited<ReturnType<typeof findWaitingForDigest>>;

/** A kind's waiting items, each with how long it has waited by `now` and its GitHub page. */
function toWaitingList(
  kind: ItemKind,
  found: FoundWaiting,
  links: { github: string; waitingPage: (kind: ItemKind) => string | null },
  now: Date,
): WaitingList {
  const item = (r: FoundWaiting['openedBefore'][number]): Waiting => ({
    repo: r.repo,
    number: r.number,
    title: r.title,
    createdAt: r.created_at,
    days: Math.max(0, Math.floor((now.getTime() - Date.parse(r.created_at)) / DAY_MS)),
    url: githubItemUrl(links.github, r.repo, kind, r.number),
  });
  return {
    total: found.total,
    openedInWeek: { items: found.openedInWeek.rows.map(item), total: found.openedInWeek.total },
    longest: found.openedBefore.map(item),
    url: links.waitingPage(kind),
  };
}
