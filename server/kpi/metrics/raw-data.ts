import type { DiscussionFacts } from '../discussions.js';

/** The stored rows the rollups are computed from, as the refresh loads them (one array per table). */
export interface RawData {
  repos: readonly { id: string }[];
  /**
   * Stargazers: how many (`stars`) starred at a time, or within the quarter hour it starts (all on
   * one project day); an incremental refresh loads each repository's stars before its first day as
   * one row at the earliest.
   */
  stars: readonly { repo_id: string; starred_at: string; stars: number }[];
  /** Stars per GitHub day from the star-history endpoint, for the repos whose series it is. */
  starHistory: {
    repos: readonly string[];
    days: readonly { repo_id: string; starts_at: string; stars: number }[];
  };
  snapshots: readonly { repo_id: string; day: string; stars: number; forks: number }[];
  /**
   * Forks: how many (`forks`) were made at a time, or within the quarter hour it starts; an
   * incremental refresh loads each repository's forks before its first day as one row.
   */
  forkTimes: readonly { repo_id: string; created_at: string; forks: number }[];
  pullRequests: readonly {
    repo_id: string;
    created_at: string;
    merged_at: string | null;
    closed_at: string | null;
    first_review_at: string | null;
  }[];
  issues: readonly {
    repo_id: string;
    created_at: string;
    closed_at: string | null;
    first_response_at: string | null;
  }[];
  contributions: readonly { repo_id: string; contributor: string; at: string }[];
  /**
   * Who is new, for an incremental refresh: every first contribution (per repository) of each
   * person whose first in some repository is on or after the refresh's rows begin (see
   * `listNewContributorFirsts`); null when `contributions` holds every row (the firsts are read
   * off it).
   */
  contributorFirsts: readonly { repo_id: string; contributor: string; at: string }[] | null;
  /**
   * The people who forked, for the contributing share (db/queries/forks.ts): per scope (a
   * repository's id, or `all`) its first fork, and each person with their first fork and first
   * contribution there; in an incremental refresh only those who forked or first contributed since
   * its rows begin (the others are in the counts kept with the metric's state).
   */
  forks: {
    scopes: readonly { scope: string; first_forked_at: string }[];
    owners: readonly { scope: string; forked_at: string; contributed_at: string | null }[];
  };
  discordSnapshots: readonly {
    taken_at: string;
    member_count: number;
    presence_count: number | null;
  }[];
  discordMembers: readonly { joined_at: string; left_at: string | null }[];
  manual: readonly { metric: string; at: string; value: number }[];
  /** Members' posts (hashed authors), and the instant the collected posts begin (null: none yet). */
  discordActivity: {
    historyFrom: string | null;
    /** By author and quarter hour (see db/queries/discord-activity.ts), `count` posts each. */
    posts: readonly { author_hash: string; posted_at: string; count?: number }[];
  };
  discussions: readonly (DiscussionFacts & { repo_id: string })[];
  /** GitHub traffic per repository and UTC day, as archived (views and clones). */
  trafficDays: readonly {
    repo_id: string;
    kind: 'views' | 'clones';
    day: string;
    count: number;
    uniques: number;
  }[];
  /** Release assets' cumulative download counts as read each (UTC) day. */
  releaseCounts: readonly { repo_id: string; asset_id: string; day: string; downloads: number }[];
  /** The day each repository's releases were first read. */
  releaseFirstReads: readonly { repo_id: string; day: string }[];
  /** Downloads per UTC day as npm's and PyPI's statistics report them. */
  packageDownloads: readonly {
    source: 'npm' | 'pypi';
    package: string;
    day: string;
    downloads: number;
  }[];
  /** Each Docker Hub repository's last `pull_count` of every day it was seen. */
  dockerPulls: readonly { repository: string; day: string; pull_count: number }[];
}

/** Every table empty: what a refresh starts from for the tables it does not load, and tests build on. */
export const EMPTY_RAW_DATA: RawData = {
  repos: [],
  stars: [],
  starHistory: { repos: [], days: [] },
  snapshots: [],
  forkTimes: [],
  pullRequests: [],
  issues: [],
  contributions: [],
  contributorFirsts: null,
  forks: { scopes: [], owners: [] },
  discordSnapshots: [],
  discordMembers: [],
  manual: [],
  discordActivity: { historyFrom: null, posts: [] },
  discussions: [],
  trafficDays: [],
  releaseCounts: [],
  releaseFirstReads: [],
  packageDownloads: [],
  dockerPulls: [],
};
