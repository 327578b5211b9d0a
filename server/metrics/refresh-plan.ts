/**
 * What an incremental rollup refresh recomputes, pure: from the tables a pass touched (the earliest
 * time written to each) and the day the last refresh computed up to, each metric's first day to
 * recompute, or whole, or not at all.
 */
import { addDays, dayOf } from '../../shared/dates.js';
import type { MetricEntry, RawData } from '../kpi/metrics/index.js';

/** The database tables behind each part of RawData (what the `rollup_change` triggers name). */
export const SOURCE_TABLES: { [K in keyof RawData]: readonly string[] } = {
  repos: [],
  stars: ['star'],
  starHistory: ['star_day'],
  snapshots: ['repo_snapshot'],
  pullRequests: ['pull_request'],
  issues: ['issue'],
  contributions: ['contribution'],
  forks: ['fork'],
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

/** Read from state no trigger watches (where each channel's collected history begins). */
const ALWAYS_RECOMPUTED: readonly (keyof RawData)[] = ['discordActivity'];

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
 * instant becomes the project day before its own (a bare UTC day may be the day before in the
 * project's zone); a day that passed since the last refresh is recomputed (today's values are
 * provisional: a star count is today's snapshot until the day ends).
 */
export function planRefresh(
  entries: readonly MetricEntry[],
  touched: ReadonlyMap<string, string>,
  lastToday: string,
  today: string,
  timeZone: string,
): RefreshPlan {
  const firstDay = (reads: readonly (keyof RawData)[]): string | null => {
    const days = reads
      .flatMap((read) => SOURCE_TABLES[read])
      .flatMap((table) => {
        const at = touched.get(table);
        return at === undefined
          ? []
          : [addDays(dayOf(at.length === 10 ? `${at}T00:00:00Z` : at, timeZone), -1)];
      });
    if (lastToday < today) days.push(lastToday);
    if (days.length === 0) return null;
    const first = days.reduce((a, b) => (a < b ? a : b));
    return first > today ? today : first;
  };
  const metrics = entries.flatMap((entry): MetricPlan[] => {
    const always = entry.reads.some((read) => ALWAYS_RECOMPUTED.includes(read));
    const since = firstDay(entry.reads);
    if (since === null && !always) return [];
    return [{ entry, since: entry.incremental && since !== null ? since : null }];
  });
  return { metrics, manual: firstDay(['manual']) !== null };
}
