/**
 * A generated, seeded GitHub community: repositories with stars, pull requests (reviews, comments),
 * issues (comments, closes) and the default branch's commit graph (`history.ts`). The same seed gives the same world.
 * Each item carries its `truth` (first response, first review…) decided while generating it, so tests
 * compare what the collectors derive against an answer computed independently of them.
 */

import { seeded } from '../random.js';
import { addDiscussions, type DiscussionData } from './discussions.js';
import { addActivity } from './activity.js';
export { addActivity, type ActivityAmounts } from './activity.js';

export type ActorType = 'User' | 'Bot';
/** null is a deleted account (GraphQL `author: null`, REST user `ghost`). */
export type Actor = { login: string; type: ActorType } | null;

export interface TimedAction {
  author: Actor;
  at: string;
}

export interface PullData {
  number: number;
  title: string;
  author: Actor;
  authorAssociation: 'OWNER' | 'MEMBER' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'NONE';
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  isDraft: boolean;
  /** The commit GitHub names as the PR's `mergeCommit`: the merge, the squash, or the last rebased one. */
  mergeCommit: string | null;
  mergeMethod: 'merge' | 'squash' | 'rebase' | null;
  reviews: TimedAction[];
  comments: TimedAction[];
  truth: { firstReviewAt: string | null; firstResponseAt: string | null };
}

export interface IssueData {
  number: number;
  title: string;
  author: Actor;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: Actor;
  comments: TimedAction[];
  truth: { firstResponseAt: string | null };
}

export interface CommitData {
  sha: string;
  /** First parent first; a merge commit has two. */
  parents: string[];
  /** The linked account, or null when the e-mail is not linked to one. */
  author: Actor;
  email: string;
  /** Author date. */
  date: string;
  /** Null when GitHub made the commit (merges, squashes and rebases on github.com: `web-flow`). */
  committer: Actor;
  committerEmail: string;
  /** Committer date: GitHub lists and filters commits by it. */
  committedAt: string;
  /** How it reached the default branch (decides, by construction, whether it is a contribution). */
  via: 'push' | 'local-merge' | 'merge' | 'squash' | 'rebase' | 'branch';
  /** The PR it arrived with. */
  pr: number | null;
}

export interface StarData {
  login: string;
  starredAt: string;
}

export interface RepoData {
  id: number;
  owner: string;
  name: string;
  createdAt: string;
  defaultBranch: string;
  isFork: boolean;
  isArchived: boolean;
  forks: number;
  /** Oldest first. */
  stars: StarData[];
  pulls: PullData[];
  issues: IssueData[];
  /** Every commit reachable from the default branch, oldest first by committer date. */
  commits: CommitData[];
  nextNumber: number;
  /** Old full names that answer 301 (the repo was renamed). */
  formerNames: string[];
  /** The stargazer list is refused (GitHub shows it only to admins and collaborators). */
  stargazersHidden: boolean;
  /** How a hidden list is refused: a FORBIDDEN error on the GraphQL field, an HTTP 403 for the
   * whole request, or an empty list while `stargazerCount` is positive. */
  stargazersRefusal: StargazersRefusal;
  /** Discussions on (GraphQL `hasDiscussionsEnabled`), and the discussions, oldest first. */
  hasDiscussions: boolean;
  discussions: DiscussionData[];
}

export type StargazersRefusal = 'forbidden' | 'http403' | 'empty';

export interface WorldOptions {
  seed?: number;
  org?: string;
  repos?: number;
  stars?: number;
  pulls?: number;
  issues?: number;
  /** Direct pushes to the default branch (merged PRs add their own commits). */
  commits?: number;
  /** How far back the history goes. */
  days?: number;
  /** The generated present. */
  now?: string;
  /** Refuse every repository's stargazer list, this way. */
  refuseStargazers?: StargazersRefusal;
  /** Discussions across the repos (default 600), and the repos (names) with discussions off (default: the third). */
  discussions?: number;
  discussionsOff?: readonly string[];
}

export interface World {
  org: string;
  now: string;
  repos: RepoData[];
  random: () => number;
  /** Discussions' own stream (`discussions.ts`). */
  discussionRandom?: () => number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const BOTS: readonly string[] = ['dependabot', 'renovate', 'github-actions'];

export const iso = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function createWorld(options: WorldOptions = {}): World {
  const random = seeded(options.seed ?? 42);
  const now = Date.parse(options.now ?? '2026-11-01T00:00:00Z');
  const days = options.days ?? 730;
  const start = now - days * DAY;
  const org = options.org ?? 'infragenius';
  const repoCount = options.repos ?? 3;
  const names = ['core', 'plugins', 'docs', 'cli', 'sdk', 'charts', 'website', 'examples'];
  const world: World = {
    org,
    now: iso(now),
    repos: [],
    random,
    discussionRandom: seeded((options.seed ?? 42) + 7),
  };
  const discussionsOff = options.discussionsOff ?? [names[2]];
  // Repos get shares of 60%, 25%, 15%, … of the activity.
  const weights = Array.from({ length: repoCount }, (_, i) => 1 / (i + 1) ** 1.3);
  const total = weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < repoCount; i++) {
    const share = weights[i]! / total;
    const repo: RepoData = {
      id: 100_000_000 + i * 7919,
      owner: org,
      name: names[i] ?? `repo-${i}`,
      createdAt: iso(start - 30 * DAY),
      defaultBranch: 'main',
      isFork: false,
      isArchived: false,
      forks: 0,
      stars: [],
      pulls: [],
      issues: [],
      commits: [],
      nextNumber: 1,
      formerNames: [],
      stargazersHidden: options.refuseStargazers !== undefined,
      stargazersRefusal: options.refuseStargazers ?? 'forbidden',
      hasDiscussions: !discussionsOff.includes(names[i] ?? `repo-${i}`),
      discussions: [],
    };
    world.repos.push(repo);
    const count = (n: number | undefined, fallback: number) => Math.round((n ?? fallback) * share);
    addActivity(world, repo, {
      stars: count(options.stars, 10_000),
      pulls: count(options.pulls, 2_000),
      issues: count(options.issues, 5_000),
      commits: count(options.commits, 3_000),
      from: start,
      to: now,
    });
    addDiscussions(world, repo, count(options.discussions, 600), start, now);
  }
  return world;
}

/** Moves the world forward: `fraction` more of everything, dated between the old and new `now`. */
export function advanceWorld(world: World, fraction: number, hours = 24): void {
  const from = Date.parse(world.now);
  const to = from + hours * HOUR;
  world.now = iso(to);
  for (const repo of world.repos) {
    addActivity(world, repo, {
      stars: Math.ceil(repo.stars.length * fraction),
      pulls: Math.ceil(repo.pulls.length * fraction),
      issues: Math.ceil(repo.issues.length * fraction),
      commits: Math.ceil(repo.commits.filter((c) => c.via === 'push').length * fraction),
      from,
      to,
    });
    addDiscussions(world, repo, Math.ceil(repo.discussions.length * fraction), from, to);
  }
}

export const fullName = (repo: RepoData) => `${repo.owner}/${repo.name}`;

/** Fractions of an item carried from one step to the next, per repo and kind. */
export type PaceCarry = Map<string, number>;

const PACE_DAYS = 28;

/**
 * Moves the world on to `toMs` at the pace of its own last 28 days (the demo's live activity): a
 * repo that got 30 stars a day in its history gets about 30 a day now, in real time, so a chart
 * never ends in a spike. Fractions carry over between calls.
 */
export function advanceWorldAtPace(world: World, toMs: number, carry: PaceCarry): void {
  const from = Date.parse(world.now);
  if (toMs <= from) return;
  const since = iso(from - PACE_DAYS * DAY);
  const days = (toMs - from) / DAY;
  world.now = iso(toMs);
  for (const repo of world.repos) {
    const recent = {
      stars: repo.stars.filter((s) => s.starredAt > since).length,
      pulls: repo.pulls.filter((p) => p.createdAt > since).length,
      issues: repo.issues.filter((i) => i.createdAt > since).length,
      commits: repo.commits.filter((c) => c.date > since).length,
      discussions: repo.discussions.filter((d) => d.createdAt > since).length,
    };
    const due = (kind: keyof typeof recent) => {
      const key = `${repo.name}:${kind}`;
      const owed = (carry.get(key) ?? 0) + (recent[kind] / PACE_DAYS) * days;
      carry.set(key, owed - Math.floor(owed));
      return Math.floor(owed);
    };
    addActivity(world, repo, {
      stars: due('stars'),
      pulls: due('pulls'),
      issues: due('issues'),
      commits: due('commits'),
      from,
      to: toMs,
    });
    addDiscussions(world, repo, due('discussions'), from, toMs);
  }
}
