/**
 * The database as Kysely sees it. Dates are ISO-8601 UTC text (days as YYYY-MM-DD), booleans 0/1,
 * external ids as text (GitHub ids and Discord snowflakes can exceed 2^53). Nullable is `| null`.
 * The tables are declared per area in `tables/`; every table type is exported from here too.
 */
import type { Insertable, Selectable } from 'kysely';
import type {
  RepoTable,
  RepoSnapshotTable,
  StarTable,
  StarDayTable,
  TrafficDayTable,
  TrafficReferrerTable,
  ReleaseTable,
  ReleaseAssetCountTable,
  PullRequestTable,
  ForkTable,
  IssueTable,
  ContributionTable,
  FirstContributionTable,
  GitCommitTable,
  ContributorTable,
  GithubDiscussionTable,
} from './tables/github.js';
import type {
  DiscordSnapshotTable,
  DiscordMemberTable,
  DiscordMessageTable,
  InstallSecretTable,
} from './tables/discord.js';
import type { PackageDownloadDayTable, DockerPullSnapshotTable } from './tables/packages.js';
import type {
  ManualValueTable,
  DailyMetricTable,
  SyncStateTable,
  CollectionRunTable,
  LeaseTable,
  DigestDeliveryTable,
  AlertStateTable,
  AlertEventTable,
} from './tables/app.js';

/** 0 or 1: booleans work the same on SQLite and PostgreSQL this way. */
export type Bool = 0 | 1;

export type * from './tables/github.js';
export type * from './tables/discord.js';
export type * from './tables/packages.js';
export type * from './tables/app.js';

/** Per table the rollups read: the earliest time written since the last refresh (triggers keep it). */
export interface RollupChangeTable {
  source: string;
  /** Touched since the last refresh took the changes; null: nothing. */
  since: string | null;
  /** Taken by a refresh that has not finished yet (or died): the next refresh redoes them. */
  taken: string | null;
}

/** A windowed metric's window state per scope at the end of `day`, kept by the refresh. */
export interface RollupWindowTable {
  metric: string;
  scope: string;
  day: string;
  /** `encodeState`'s bytes (db/queries/rollup-windows.ts). */
  state: Uint8Array;
}

export interface Database {
  repo: RepoTable;
  repo_snapshot: RepoSnapshotTable;
  star: StarTable;
  star_day: StarDayTable;
  traffic_day: TrafficDayTable;
  traffic_referrer: TrafficReferrerTable;
  release: ReleaseTable;
  release_asset_count: ReleaseAssetCountTable;
  fork: ForkTable;
  pull_request: PullRequestTable;
  issue: IssueTable;
  contribution: ContributionTable;
  first_contribution: FirstContributionTable;
  git_commit: GitCommitTable;
  contributor: ContributorTable;
  discord_snapshot: DiscordSnapshotTable;
  discord_member: DiscordMemberTable;
  discord_message: DiscordMessageTable;
  install_secret: InstallSecretTable;
  github_discussion: GithubDiscussionTable;
  manual_value: ManualValueTable;
  daily_metric: DailyMetricTable;
  rollup_change: RollupChangeTable;
  rollup_window: RollupWindowTable;
  sync_state: SyncStateTable;
  collection_run: CollectionRunTable;
  lease: LeaseTable;
  digest_delivery: DigestDeliveryTable;
  alert_state: AlertStateTable;
  alert_event: AlertEventTable;
  package_download_day: PackageDownloadDayTable;
  docker_pull_snapshot: DockerPullSnapshotTable;
}

export type CollectionRun = Selectable<CollectionRunTable>;
export type NewCollectionRun = Insertable<CollectionRunTable>;
