/** GitHub: repositories, stars, traffic, releases, forks, pull requests, issues, commits, contributors, discussions. */
import type { Bool } from '../schema.js';

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

/**
 * Each contributor's first contribution per repository: derived from `contribution` by triggers
 * (migration 0012), read by the incremental rollup refresh. Never written by the application.
 */
export interface FirstContributionTable {
  repo_id: string;
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
