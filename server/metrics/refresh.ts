/**
 * Recomputes the daily rollups from the stored rows, after each collection pass, so that API
 * requests read `daily_metric` and never scan raw rows.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  listContributions,
  listDiscordMembers,
  listDiscordSnapshots,
  listIssueTimes,
  listManualValues,
  listPullRequestTimes,
  listRepos,
  listRepoSnapshots,
  listStars,
  replaceDailyMetrics,
} from '../../db/queries/metrics.js';
import { listForkOwners } from '../../db/queries/forks.js';
import type { Database } from '../../db/schema.js';
import { listAssetCounts, listReleaseFirstReads } from '../../db/queries/releases.js';
import { listDailyLastPullCounts, listPackageDownloadDays } from '../../db/queries/packages.js';
import { listStarHistory } from '../../db/queries/star-days.js';
import { listDiscordActivity } from '../../db/queries/discord-activity.js';
import { listDiscussionFacts } from '../../db/queries/discussions.js';
import { listTrafficDays } from '../../db/queries/traffic.js';
import { dayOf } from '../../shared/dates.js';
import { computeRollups, type RawData } from '../kpi/metrics/index.js';

/** How each table of RawData is read from the database (a new table: add its loader here). */
const LOADERS: { [K in keyof RawData]: (db: Kysely<Database>) => Promise<RawData[K]> } = {
  repos: listRepos,
  stars: listStars,
  starHistory: listStarHistory,
  snapshots: listRepoSnapshots,
  pullRequests: listPullRequestTimes,
  issues: listIssueTimes,
  contributions: listContributions,
  forks: listForkOwners,
  discordSnapshots: listDiscordSnapshots,
  discordMembers: listDiscordMembers,
  manual: listManualValues,
  discordActivity: listDiscordActivity,
  discussions: listDiscussionFacts,
  trafficDays: listTrafficDays,
  releaseCounts: listAssetCounts,
  releaseFirstReads: listReleaseFirstReads,
  packageDownloads: listPackageDownloadDays,
  dockerPulls: (db) => listDailyLastPullCounts(db),
};

export async function refreshDailyMetrics(
  db: Kysely<Database>,
  timeZone: string,
  now: Date,
): Promise<number> {
  const loaded = await Promise.all(
    Object.entries(LOADERS).map(async ([name, load]) => [name, await load(db)] as const),
  );
  const series = computeRollups(
    Object.fromEntries(loaded) as unknown as RawData,
    timeZone,
    dayOf(now, timeZone),
  );
  const rows = series.flatMap((s) =>
    s.points.map((p) => ({ metric: s.metric, scope: s.scope, day: p.t, value: p.v })),
  );
  // A version that changes at every refresh, even two within the same millisecond.
  await replaceDailyMetrics(db, rows, `${now.toISOString()}#${randomUUID()}`, now.toISOString());
  return rows.length;
}
