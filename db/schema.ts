/**
 * The database as Kysely sees it. Dates are ISO-8601 UTC text (days as YYYY-MM-DD), booleans 0/1,
 * external ids as text (GitHub ids and Discord snowflakes can exceed 2^53). Nullable is `| null`.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

/** 0 or 1: booleans work the same on SQLite and PostgreSQL this way. */
export type Bool = 0 | 1;

export interface RepoTable {
  /** GitHub's repository id, stable across renames. */
  id: string;
  full_name: string;
  default_branch: string | null;
  is_fork: Bool;
  is_archived: Bool;
  created_at: string | null;
  first_seen_at: string;
}

export interface RepoSnapshotTable {
  repo_id: string;
  day: string;
  taken_at: string;
  stars: number;
  forks: number;
  open_issues: number;
}

export interface StarTable {
  repo_id: string;
  /** A hash of the stargazer's login: enough to tell stars apart, no more. */
  stargazer: string;
  starred_at: string;
}

/** Stars given on one of GitHub's days, counting only stars that still exist (star-history endpoint). */
export interface StarDayTable {
  repo_id: string;
  /** When GitHub's day begins (ISO instant; not necessarily UTC midnight). */
  starts_at: string;
  stars: number;
}

/** Views or clones of a repository on one UTC day, as GitHub's traffic API last reported them. */
export interface TrafficDayTable {
  repo_id: string;
  kind: 'views' | 'clones';
  /** YYYY-MM-DD, a UTC day (GitHub aligns traffic to UTC midnight). */
  day: string;
  count: number;
  /** Unique visitors (or cloners) that day. */
  uniques: number;
  /** When last read: the newest day is partial until a later pass overwrites it. */
  read_at: string;
}

/** One of the top referrers of the 14 days before `day`, as read that day. */
export interface TrafficReferrerTable {
  repo_id: string;
  day: string;
  referrer: string;
  count: number;
  uniques: number;
}

/** A published release: its tag and day mark charts. */
export interface ReleaseTable {
  /** GitHub's release id. */
  id: string;
  repo_id: string;
  tag: string;
  name: string | null;
  published_at: string | null;
  is_prerelease: Bool;
}

/** An asset's cumulative download count as read on a (UTC) day; the day's last read wins. */
export interface ReleaseAssetCountTable {
  asset_id: string;
  day: string;
  repo_id: string;
  release_id: string;
  downloads: number;
  read_at: string;
}

export interface PullRequestTable {
  repo_id: string;
  number: number;
  /** Login; null for a deleted account. */
  author: string | null;
  author_is_bot: Bool;
  author_association: string | null;
  title: string;
  state: 'open' | 'closed' | 'merged';
  is_draft: Bool;
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  closed_at: string | null;
  /** First review by someone other than the author (bots excluded). */
  first_review_at: string | null;
  /** First comment, review or close by someone other than the author (bots excluded). */
  first_response_at: string | null;
  /** GraphQL `mergeCommit`: the merge commit, the squash, or the last rebased commit. */
  merge_commit: string | null;
}

/** A fork of a tracked repository (`GET /repos/{owner}/{repo}/forks`). */
export interface ForkTable {
  repo_id: string;
  /** GitHub's id of the fork repository. */
  fork_id: string;
  /** Lower-cased login of the fork's owner (the same key as contribution.contributor). */
  owner: string;
  /** 'User' or 'Organization'. */
  owner_type: string;
  created_at: string;
}

export interface IssueTable {
  repo_id: string;
  number: number;
  author: string | null;
  author_is_bot: Bool;
  title: string;
  state: 'open' | 'closed';
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  first_response_at: string | null;
}

export interface ContributionTable {
  repo_id: string;
  kind: 'pr' | 'commit';
  /** PR number or commit sha. */
  ref: string;
  /** Lower-cased login, or `email:<hash>` for commits not linked to an account. */
  contributor: string;
  at: string;
}

/** A commit reachable from a repo's default branch: enough of the graph to rebuild its mainline. */
export interface GitCommitTable {
  repo_id: string;
  sha: string;
  /** First parent; null for a root commit. */
  parent: string | null;
  /** Number of parents: 2 or more is a merge commit. */
  parents: number;
  /** Contribution key of the author, or null for bots and deleted accounts. */
  contributor: string | null;
  authored_at: string;
  committed_at: string;
  /** Who committed it (GitHub itself for merges, squashes and rebases made on github.com). */
  committer: string | null;
  /** 1 on the first-parent chain from the head, 0 off it, null until a pass has walked it. */
  mainline: Bool | null;
  /** The merged PR it arrived with (its merge commit, squash, or rebased commits). */
  pr: number | null;
}

export interface ContributorTable {
  /** Same key as contribution.contributor. */
  id: string;
  login: string | null;
  first_contribution_at: string;
  first_repo_id: string;
  contributions: number;
}

export interface DiscordSnapshotTable {
  guild_id: string;
  taken_at: string;
  day: string;
  member_count: number;
  presence_count: number | null;
}

export interface DiscordMemberTable {
  guild_id: string;
  /** A keyed hash of the member id; names are never stored. */
  member_hash: string;
  joined_at: string;
  left_at: string | null;
  last_seen_at: string;
}

/** One post in a guild's text channel: who (a salted hash, see install_secret) and when. */
export interface DiscordMessageTable {
  guild_id: string;
  message_id: string;
  channel_id: string;
  /** HMAC-SHA-256 of the author id, keyed with the install's salt; never the id itself. */
  author_hash: string;
  posted_at: string;
}

/** Secrets made once per install (the Discord author-hash salt), kept with the data they key. */
export interface InstallSecretTable {
  name: string;
  value: string;
  created_at: string;
}

export interface GithubDiscussionTable {
  repo_id: string;
  number: number;
  created_at: string;
  updated_at: string;
  /** null for a deleted account. */
  author: string | null;
  author_association: string;
  author_is_bot: Bool;
  /** In a category where an answer can be marked (Q&A). */
  answerable: Bool;
  /** First comment by someone other than the author (bots and deleted accounts aside). */
  first_response_at: string | null;
  /** The marked answer: when it was written, when it was chosen, and by whom it was written. */
  answer_at: string | null;
  answer_chosen_at: string | null;
  answer_author: string | null;
  answer_association: string | null;
}

export interface ManualValueTable {
  metric: string;
  /** YYYY-MM-DD. */
  at: string;
  value: number;
  recorded_at: string;
  source: 'cli' | 'api' | 'csv';
}

export type PackageSource = 'npm' | 'pypi';

/** Downloads on one UTC day, as npm's download counts or PyPI's download stats report them. */
export interface PackageDownloadDayTable {
  source: PackageSource;
  package: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  downloads: number;
}

/** Docker Hub's running total of pulls (`pull_count`), as seen by one pass. */
export interface DockerPullSnapshotTable {
  /** namespace/repository */
  repository: string;
  taken_at: string;
  /** UTC day of `taken_at`. */
  day: string;
  pull_count: number;
}

export interface DailyMetricTable {
  metric: string;
  /** 'all', or a repo id for per-repo series. */
  scope: string;
  day: string;
  value: number | null;
}

export interface SyncStateTable {
  resource: string;
  /** Usually a repo id or guild id. */
  scope: string;
  cursor: string | null;
  etag: string | null;
  /** 'ok', or why a resource is limited, e.g. 'refused' for a hidden stargazer list. */
  status: string;
  detail: string | null;
  updated_at: string;
}

export interface CollectionRunTable {
  id: string;
  source: 'github' | 'discord' | 'packages';
  started_at: string;
  finished_at: string | null;
  /** null while running. */
  ok: Bool | null;
  requests: Generated<number>;
  points: Generated<number>;
  rows: Generated<number>;
  error: string | null;
  detail: string | null;
}

/** A named lock with an expiry, so a dead holder's lock runs out. */
export interface LeaseTable {
  name: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

export interface DigestDeliveryTable {
  /** ISO week, e.g. 2026-W47. */
  week: string;
  channel: 'slack' | 'discord';
  sent_at: string;
}

/** What a watched subject (a key result, a threshold, a milestone) looked like at the last evaluation. */
export interface AlertStateTable {
  /** e.g. `kr:merge-time`, `threshold:github.stars:above:5000`, `milestone:github.stars`. */
  subject: string;
  /** A status, `above`/`below`, or the highest milestone reached. */
  state: string;
  /** Goes up by one at each change; part of the next event's key, so a change is claimed once. */
  version: number;
  updated_at: string;
}

export type AlertEventStatus = 'sending' | 'sent' | 'failed' | 'held' | 'summarized';

/** One alert: claimed by inserting its key (unique) before anything is sent. */
export interface AlertEventTable {
  key: string;
  kind: string;
  subject: string;
  /** Plain text; escaped per channel when sent. */
  title: string;
  message: string;
  created_at: string;
  /** held: over the hourly cap, waiting for the summary line; summarized: counted in one. */
  status: AlertEventStatus;
  sent_at: string | null;
  /** JSON list of the channels it went to. */
  channels: string | null;
  error: string | null;
}

/** Per table the rollups read: the earliest time written since the last refresh (triggers keep it). */
export interface RollupChangeTable {
  source: string;
  /** Touched since the last refresh took the changes; null: nothing. */
  since: string | null;
  /** Taken by a refresh that has not finished yet (or died): the next refresh redoes them. */
  taken: string | null;
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
