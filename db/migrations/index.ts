/** Every migration, in order. Listed here (not read from disk) so bundling and tsx both work. */
import type { Migration } from 'kysely';
import * as init from './0001_init.js';
import * as digestDelivery from './0002_digest_delivery.js';
import * as commitGraph from './0003_commit_graph.js';
import * as starDay from './0004_star_day.js';
import * as alerts from './0005_alerts.js';
import * as packageDownloads from './0006_package_downloads.js';
import * as trafficReleases from './0007_traffic_releases.js';
import * as talk from './0008_talk.js';
import * as fork from './0009_fork.js';
import * as rollupChange from './0010_rollup_change.js';
import * as rollupWindow from './0011_rollup_window.js';
import * as firstContribution from './0012_first_contribution.js';
import * as rollupCoveringIndexes from './0013_rollup_covering_indexes.js';
import * as forkOwnerIndexes from './0014_fork_owner_indexes.js';
import * as firstContributionIndexes from './0015_first_contribution_indexes.js';
import * as rollupWindowBytes from './0016_rollup_window_bytes.js';

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_digest_delivery': digestDelivery,
  '0003_commit_graph': commitGraph,
  '0004_star_day': starDay,
  '0005_alerts': alerts,
  '0006_package_downloads': packageDownloads,
  '0007_traffic_releases': trafficReleases,
  '0008_talk': talk,
  '0009_fork': fork,
  '0010_rollup_change': rollupChange,
  '0011_rollup_window': rollupWindow,
  '0012_first_contribution': firstContribution,
  '0013_rollup_covering_indexes': rollupCoveringIndexes,
  '0014_fork_owner_indexes': forkOwnerIndexes,
  '0015_first_contribution_indexes': firstContributionIndexes,
  '0016_rollup_window_bytes': rollupWindowBytes,
};
