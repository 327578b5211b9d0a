/**
 * Every metric of the catalog as daily series, from the stored rows: pure, so the definitions are
 * tested on plain arrays. Day boundaries are the project's time zone; scope 'all' plus one scope per
 * repository for the GitHub metrics.
 */
import { dayOf } from './dates.js';
import { starsFromHistory, starsFromList } from './star-series.js';
import {
  carryForward,
  cumulativeCounts,
  dailyCounts,
  windowBusFactor,
  windowDistinct,
  windowPercentile,
  type Point,
} from './series.js';

export interface RawData {
  repos: readonly { id: string }[];
  stars: readonly { repo_id: string; starred_at: string }[];
  /** Stars per GitHub day from the star-history endpoint, and the repos whose series it is. */
  starHistory: {
    repos: readonly string[];
    days: readonly { repo_id: string; starts_at: string; stars: number }[];
  };
  snapshots: readonly { repo_id: string; day: string; stars: number; forks: number }[];
  pullRequests: readonly {
    repo_id: string;
    created_at: string;
    merged_at: string | null;
    first_review_at: string | null;
  }[];
  issues: readonly {
    repo_id: string;
    created_at: string;
    closed_at: string | null;
    first_response_at: string | null;
  }[];
  contributions: readonly { repo_id: string; contributor: string; at: string }[];
  discordSnapshots: readonly {
    taken_at: string;
    member_count: number;
    presence_count: number | null;
  }[];
  discordMembers: readonly { joined_at: string; left_at: string | null }[];
  manual: readonly { metric: string; at: string; value: number }[];
}

export interface MetricSeries {
  metric: string;
  scope: string;
  points: Point[];
}

export const ACTIVE_WINDOW_DAYS = 90;
export const BUS_FACTOR_WINDOW_DAYS = 365;

const HOUR = 3_600_000;
const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR;

export function computeRollups(data: RawData, timeZone: string, today: string): MetricSeries[] {
  const day = (instant: string) => dayOf(instant, timeZone);
  const out: MetricSeries[] = [];
  const emit = (metric: string, scope: string, points: Point[]) => {
    if (points.length > 0) out.push({ metric, scope, points });
  };
  /** From the first event day to today; nothing when there are no events. */
  const span = (days: readonly string[]): [string, string] | null => {
    if (days.length === 0) return null;
    const first = days.reduce((a, b) => (a < b ? a : b));
    return first > today ? null : [first, today];
  };

  const scopes = [
    { scope: 'all', repo: null as string | null },
    ...data.repos.map((r) => ({ scope: r.id, repo: r.id })),
  ];
  for (const { scope, repo } of scopes) {
    const mine = <T extends { repo_id: string }>(rows: readonly T[]) =>
      repo === null ? rows : rows.filter((r) => r.repo_id === repo);

    // Stars: GitHub's star history, or the stargazer list; today, the stargazers_count snapshot.
    if (repo !== null) {
      const snapshots = mine(data.snapshots);
      const stars = data.starHistory.repos.includes(repo)
        ? starsFromHistory(mine(data.starHistory.days), snapshots, timeZone, today)
        : starsFromList(
            mine(data.stars).map((s) => day(s.starred_at)),
            snapshots,
            today,
          );
      if (stars.length > 0) {
        emit('github.stars', scope, stars);
        const forks = new Map(snapshots.map((s) => [s.day, s.forks]));
        emit(
          'github.forks',
          scope,
          carryForward(forks, stars[0]!.t, today).filter((p) => p.v !== null),
        );
      }
    }

    const contributions = mine(data.contributions).map((c) => ({
      day: day(c.at),
      key: c.contributor,
    }));
    const firstDays = firstContributionDays(contributions);
    const contributionRange = span(contributions.map((c) => c.day));
    if (contributionRange) {
      emit('github.contributors', scope, cumulativeCounts(firstDays, ...contributionRange));
      emit('github.contributors.new', scope, dailyCounts(firstDays, ...contributionRange));
      emit(
        'github.contributors.active',
        scope,
        windowDistinct(contributions, ...contributionRange, ACTIVE_WINDOW_DAYS),
      );
      emit(
        'github.bus_factor',
        scope,
        windowBusFactor(contributions, ...contributionRange, BUS_FACTOR_WINDOW_DAYS),
      );
    }

    const prs = mine(data.pullRequests);
    const prRange = span(prs.map((p) => day(p.created_at)));
    if (prRange) {
      const merged = prs.filter((p) => p.merged_at !== null);
      emit(
        'github.prs.opened',
        scope,
        dailyCounts(
          prs.map((p) => day(p.created_at)),
          ...prRange,
        ),
      );
      emit(
        'github.prs.merged',
        scope,
        dailyCounts(
          merged.map((p) => day(p.merged_at!)),
          ...prRange,
        ),
      );
      const mergeHours = merged.map((p) => ({
        day: day(p.merged_at!),
        value: hours(p.created_at, p.merged_at!),
      }));
      emit(
        'github.prs.merge_time.p50',
        scope,
        windowPercentile(mergeHours, ...prRange, ACTIVE_WINDOW_DAYS, 50),
      );
      emit(
        'github.prs.merge_time.p90',
        scope,
        windowPercentile(mergeHours, ...prRange, ACTIVE_WINDOW_DAYS, 90),
      );
      const reviewHours = prs
        .filter((p) => p.first_review_at !== null)
        .map((p) => ({ day: day(p.created_at), value: hours(p.created_at, p.first_review_at!) }));
      emit(
        'github.prs.first_review.p50',
        scope,
        windowPercentile(reviewHours, ...prRange, ACTIVE_WINDOW_DAYS, 50),
      );
    }

    const issues = mine(data.issues);
    const issueRange = span(issues.map((i) => day(i.created_at)));
    if (issueRange) {
      const closed = issues.filter((i) => i.closed_at !== null);
      emit(
        'github.issues.opened',
        scope,
        dailyCounts(
          issues.map((i) => day(i.created_at)),
          ...issueRange,
        ),
      );
      emit(
        'github.issues.closed',
        scope,
        dailyCounts(
          closed.map((i) => day(i.closed_at!)),
          ...issueRange,
        ),
      );
      const responseHours = issues
        .filter((i) => i.first_response_at !== null)
        .map((i) => ({ day: day(i.created_at), value: hours(i.created_at, i.first_response_at!) }));
      emit(
        'github.issues.first_response.p50',
        scope,
        windowPercentile(responseHours, ...issueRange, ACTIVE_WINDOW_DAYS, 50),
      );
      const closeHours = closed.map((i) => ({
        day: day(i.closed_at!),
        value: hours(i.created_at, i.closed_at!),
      }));
      emit(
        'github.issues.close_time.p50',
        scope,
        windowPercentile(closeHours, ...issueRange, ACTIVE_WINDOW_DAYS, 50),
      );
    }
  }
  // All repositories' stars and forks: the sum of the per-repo series (a repo counts 0 before its data).
  for (const metric of ['github.stars', 'github.forks']) {
    const parts = out.filter((s) => s.metric === metric && s.scope !== 'all');
    if (parts.length > 0) emit(metric, 'all', sumSeries(parts.map((s) => s.points)));
  }

  emitDiscord(data, day, span, emit);

  const manualMetrics = new Set(data.manual.map((m) => m.metric));
  for (const metric of manualMetrics) {
    const values = data.manual.filter((m) => m.metric === metric);
    const range = span(values.map((m) => m.at));
    if (range)
      emit(metric, 'all', carryForward(new Map(values.map((m) => [m.at, m.value])), ...range));
  }
  return out;
}

function emitDiscord(
  data: RawData,
  day: (instant: string) => string,
  span: (days: readonly string[]) => [string, string] | null,
  emit: (metric: string, scope: string, points: Point[]) => void,
) {
  const joins = data.discordMembers.map((m) => day(m.joined_at));
  const leaves = data.discordMembers.filter((m) => m.left_at !== null).map((m) => day(m.left_at!));
  const snapshotDays = data.discordSnapshots.map((s) => day(s.taken_at));
  const range = span([...joins, ...snapshotDays]);
  if (!range) return;
  // The last snapshot of each day is that day's count; before the first snapshot, members still
  // present counted by join date (Discord lists no one who has left).
  const counts = new Map<string, number>();
  const presence = new Map<string, number>();
  data.discordSnapshots.forEach((s, i) => {
    counts.set(snapshotDays[i]!, s.member_count);
    if (s.presence_count !== null) presence.set(snapshotDays[i]!, s.presence_count);
  });
  const firstSnapshot =
    snapshotDays.length > 0 ? snapshotDays.reduce((a, b) => (a < b ? a : b)) : null;
  const joined = cumulativeCounts(joins, ...range);
  const left = cumulativeCounts(leaves, ...range);
  const counted = carryForward(counts, ...range);
  emit(
    'discord.members',
    'all',
    joined.map((p, i) =>
      firstSnapshot !== null && p.t >= firstSnapshot
        ? counted[i]!
        : { t: p.t, v: p.v! - left[i]!.v! },
    ),
  );
  if (presence.size > 0)
    emit(
      'discord.online',
      'all',
      carryForward(presence, ...range).filter((p) => p.v !== null),
    );
  if (joins.length > 0) emit('discord.joins', 'all', dailyCounts(joins, ...range));
}

function firstContributionDays(contributions: readonly { day: string; key: string }[]): string[] {
  const first = new Map<string, string>();
  for (const c of contributions) {
    const known = first.get(c.key);
    if (known === undefined || c.day < known) first.set(c.key, c.day);
  }
  return [...first.values()];
}

/** Day-by-day sum of series over different ranges; before a series starts it counts 0. */
function sumSeries(parts: readonly Point[][]): Point[] {
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
