/**
 * What an incremental rollup refresh recomputes, pure: from the tables a pass touched (the earliest
 * time written to each) and the day the last refresh computed up to, each metric's first day to
 * recompute, or whole, or not at all.
 */
import type { TimeRanges } from '../../db/queries/metrics.js';
import { addDays, dayOf } from '../../shared/dates.js';
import { captureDayOf, type MetricEntry, type RawData } from '../kpi/metrics/index.js';

/** The database tables behind each part of RawData (what the `rollup_change` triggers name). */
export const SOURCE_TABLES: { [K in keyof RawData]: readonly string[] } = {
  repos: [],
  stars: ['star'],
  starHistory: ['star_day'],
  snapshots: ['repo_snapshot'],
  forkTimes: ['fork'],
  pullRequests: ['pull_request'],
  issues: ['issue'],
  contributions: ['contribution'],
  // `first_contribution`, kept by triggers on `contribution`.
  contributorFirsts: ['contribution'],
  // The fork owners' first contributions too (`first_contribution`, kept from `contribution`).
  forks: ['fork', 'contribution'],
  discordSnapshots: ['discord_snapshot'],
  discordMembers: ['discord_member'],
  manual: ['manual_value'],
  discordActivity: ['discord_message'],
  discussions: ['github_discussion'],
  trafficDays: ['traffic_day'],
  releaseCounts: ['release_asset_count'],
  releaseFirstReads: ['release_asset_count'],
  packageDownloads: ['package_download_day'],
  dockerPulls: ['docker_pull_snapshot'],
};

export interface MetricPlan {
  entry: MetricEntry;
  /** The first day to recompute; null: the whole series. */
  since: string | null;
}

export interface RefreshPlan {
  metrics: MetricPlan[];
  manual: boolean;
}

/**
 * `touched`: per table, the earliest instant or day written since the last refresh. A touched
 * instant becomes its project day (every compute puts a row on the project day of one of its times,
 * or a later one: the star history on its GitHub day's noon), a bare UTC day the project day
 * before that of its midnight (its rows may fall on the day before in the project's zone); a day
 * that passed since the last refresh is recomputed (today's values are provisional: a star count
 * is today's snapshot until the day ends). The metrics reading one of `whole` are recomputed whole
 * (what they read changed in a way no trigger watches: where the collected Discord posts begin).
 */
export function planRefresh(
  entries: readonly MetricEntry[],
  touched: ReadonlyMap<string, string>,
  lastToday: string,
  today: string,
  timeZone: string,
  whole: ReadonlySet<keyof RawData> = new Set(),
): RefreshPlan {
  const firstDay = (reads: readonly (keyof RawData)[]): string | null => {
    const days = reads
      .flatMap((read) => SOURCE_TABLES[read])
      .flatMap((table) => {
        const at = touched.get(table);
        if (at === undefined) return [];
        return [
          at.length === 10 ? addDays(dayOf(`${at}T00:00:00Z`, timeZone), -1) : dayOf(at, timeZone),
        ];
      });
    if (lastToday < today) days.push(lastToday);
    if (days.length === 0) return null;
    const first = days.reduce((a, b) => (a < b ? a : b));
    return first > today ? today : first;
  };
  const metrics = entries.flatMap((entry): MetricPlan[] => {
    const all = entry.reads.some((read) => whole.has(read));
    const since = firstDay(entry.reads);
    if (since === null && !all) return [];
    return [{ entry, since: entry.incremental && since !== null && !all ? since : null }];
  });
  return { metrics, manual: firstDay(['manual']) !== null };
}

/** Project days a metric's recomputation needs rows of (`to` included; null: open-ended). */
export type DayRanges = readonly (readonly [string, string | null])[];

/**
 * The days of rows a metric needs to recompute from `since` (null: all of them): a window resumed
 * from its state at the end of `resumeDay` needs the days entering it and those leaving it, but
 * for the days whose items its state kept (up to `keptTo`); any other metric its window (if any)
 * before its first day on, a kept window from the day its state is kept at if that comes first; a
 * state that sums up all before its day (`wholeWithoutState`) that cannot resume, every row.
 */
export function metricDays(
  entry: MetricEntry,
  since: string | null,
  resumeDay: string | null,
  today: string,
  keptTo: string | null = null,
): DayRanges | null {
  if (since === null) return null;
  const window = entry.windowDays ?? 0;
  if (entry.wholeWithoutState && (!entry.keepsWindow || resumeDay === null)) return null;
  if (entry.keepsWindow && resumeDay !== null) {
    const leavingFrom = addDays(resumeDay, 1 - window);
    const leaving = [
      keptTo !== null && keptTo >= leavingFrom ? addDays(keptTo, 1) : leavingFrom,
      addDays(today, -window),
    ] as const;
    const entering = [addDays(resumeDay, 1), null] as const;
    return leaving[0] <= leaving[1] ? [leaving, entering] : [entering];
  }
  const capture = captureDayOf(today);
  const first = entry.keepsWindow && capture < since ? capture : since;
  return [[addDays(first, -window), null]];
}

/**
 * Per table the metrics read, the union of their days as UTC time ranges, each widened to the UTC
 * days its project days touch in `timeZone` (see `utcDays`). Null when a metric needs every row.
 */
export function tableRanges(
  metrics: readonly { entry: MetricEntry; days: DayRanges | null }[],
  timeZone: string,
): Map<keyof RawData, TimeRanges> {
  const wanted = new Map<keyof RawData, [string, string | null][] | null>();
  for (const { entry, days } of metrics)
    for (const read of entry.reads) {
      const known = wanted.get(read);
      if (known === null) continue;
      if (days === null) wanted.set(read, null);
      else
        wanted.set(read, [
          ...(known ?? []),
          ...days.map(([from, to]) => utcDays(from, to, timeZone)),
        ]);
    }
  return new Map([...wanted].map(([read, ranges]) => [read, ranges && merged(ranges)]));
}

/**
 * The UTC days (`to` exclusive, null: open-ended) holding the instants of project days `from` to
 * `to`: project day D starts on UTC day D − 1 when the zone is ahead of UTC then, and ends on UTC
 * day D + 1 when it is behind (offsets lie within ±14 hours, and a day's instants grow with it).
 * In UTC, the days themselves: an hourly refresh reads no day it does not recompute.
 */
export function utcDays(
  from: string,
  to: string | null,
  timeZone: string,
): [string, string | null] {
  const before = addDays(from, -1);
  const after = to === null ? null : addDays(to, 1);
  return [
    dayOf(`${before}T23:59:59.999Z`, timeZone) >= from ? before : from,
    after === null || dayOf(`${after}T00:00:00.000Z`, timeZone) > to! ? after : addDays(to!, 2),
  ];
}

/** Sorted, overlapping ranges joined. */
function merged(ranges: [string, string | null][]): [string, string | null][] {
  const out: [string, string | null][] = [];
  for (const [from, to] of [...ranges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const last = out.at(-1);
    if (last && (last[1] === null || from <= last[1])) {
      if (last[1] !== null && (to === null || to > last[1])) last[1] = to;
    } else out.push([from, to]);
  }
  return out;
}
