/**
 * How each part of RawData is read for the rollups: whole, or from a day on (`from`) for the
 * incremental refresh. Bounded loaders keep what a running level needs (who among the contributors
 * is new, the star total before the bound, each repository's last snapshot);
 * the others read their table whole either way.
 */
import type { Kysely } from 'kysely';
import {
  listContributions,
  listDiscordMembers,
  listDiscordSnapshots,
  listIssueTimes,
  listManualValues,
  listNewContributorFirsts,
  listPullRequestTimes,
  listRepos,
  listRepoSnapshots,
  lowestTime,
  type TimeRanges,
} from '../../db/queries/metrics.js';
import { listForkOwners, listForkTimes } from '../../db/queries/forks.js';
import type { Database } from '../../db/schema.js';
import { listAssetCounts, listReleaseFirstReads } from '../../db/queries/releases.js';
import { listDailyLastPullCounts, listPackageDownloadDays } from '../../db/queries/packages.js';
import { listStarHistory, listStars } from '../../db/queries/star-days.js';
import { listDiscordActivity } from '../../db/queries/discord-activity.js';
import { listDiscussionFacts } from '../../db/queries/discussions.js';
import { listTrafficDays } from '../../db/queries/traffic.js';
import { EMPTY_RAW_DATA, type RawData } from '../kpi/metrics/index.js';

type Loader<K extends keyof RawData> = (
  db: Kysely<Database>,
  ranges: TimeRanges,
) => Promise<RawData[K]>;

/** A loader that reads from a time on (the earliest the ranges cover). */
const fromLowest =
  <T>(load: (db: Kysely<Database>, from: string | null) => Promise<T>) =>
  (db: Kysely<Database>, ranges: TimeRanges) =>
    load(db, lowestTime(ranges));

/** A new table: add its loader here (and its source table in refresh-plan.ts). */
const LOADERS: { [K in keyof RawData]: Loader<K> } = {
  repos: listRepos,
  stars: fromLowest(listStars),
  starHistory: fromLowest(listStarHistory),
  snapshots: fromLowest(listRepoSnapshots),
  forkTimes: fromLowest(listForkTimes),
  pullRequests: listPullRequestTimes,
  issues: listIssueTimes,
  contributions: listContributions,
  // From where the rows of the contributions begin (their last range is open-ended); whole: none.
  contributorFirsts: (db, ranges) =>
    ranges === null ? Promise.resolve(null) : listNewContributorFirsts(db, ranges.at(-1)![0]),
  forks: fromLowest(listForkOwners),
  discordSnapshots: listDiscordSnapshots,
  discordMembers: listDiscordMembers,
  manual: listManualValues,
  discordActivity: fromLowest(listDiscordActivity),
  discussions: listDiscussionFacts,
  trafficDays: listTrafficDays,
  releaseCounts: listAssetCounts,
  releaseFirstReads: listReleaseFirstReads,
  packageDownloads: listPackageDownloadDays,
  dockerPulls: (db) => listDailyLastPullCounts(db),
};

/**
 * The parts `reads` names (and the repositories, which give the scopes), each within its time
 * ranges or whole (`ranges` null, or a map without it); the rest empty.
 */
export async function loadRawData(
  db: Kysely<Database>,
  reads: readonly (keyof RawData)[],
  ranges: ReadonlyMap<keyof RawData, TimeRanges> | null,
): Promise<RawData> {
  const wanted = new Set<keyof RawData>(['repos', ...reads]);
  const boundOf = (name: keyof RawData) => ranges?.get(name) ?? null;
  const loaded = await Promise.all(
    [...wanted].map(async (name) => [name, await LOADERS[name](db, boundOf(name))] as const),
  );
  return { ...EMPTY_RAW_DATA, ...Object.fromEntries(loaded) };
}
