/**
 * The default branch's history as GitHub lists it: direct pushes, maintainers' local merges of
 * their own branches, and merged pull requests landed the three ways GitHub offers (a merge commit
 * over the PR's own commits, one squashed commit, or the PR's commits rebased onto the branch).
 * Every commit records how it arrived (`via`), so who contributed is decided here, by construction,
 * and tests compare what the collectors rediscover from the commit graph against it.
 */
import { createHash } from 'node:crypto';
import type { Actor, CommitData, PullData, RepoData } from './world.js';
import { iso } from './world.js';

/** GitHub commits merges, squashes and rebases as this account, with this e-mail. */
export const WEB_FLOW = { login: 'web-flow', email: 'noreply@github.com' } as const;

export interface HistoryTools {
  r: () => number;
  user: () => Actor;
  maintainer: () => Actor;
  bot: () => Actor;
}

/** One contribution by the rule (a merged PR, or a mainline non-merge commit not from a PR). */
export interface TrueContribution {
  kind: 'pr' | 'commit';
  ref: string;
  /** The account, or null when only the e-mail is known. */
  login: string | null;
  email: string | null;
  at: string;
}

const emailOf = (a: Actor, fallback: string) =>
  a === null
    ? fallback
    : a.type === 'Bot'
      ? `${a.login}[bot]@users.noreply.github.com`
      : `${a.login}@users.example.org`;

type CommitFields = Omit<CommitData, 'sha' | 'parents'>;

/** The repo's commits being appended to, and its mainline (first parents) with its tip. */
class Line {
  readonly mainline: CommitData[];
  tip: string | null;
  constructor(readonly repo: RepoData) {
    this.mainline = repo.commits.filter((c) => c.via !== 'branch');
    this.tip = this.mainline.at(-1)?.sha ?? null;
  }

  /** Adds a commit with these parents (nulls dropped); its sha is derived from its position. */
  make(fields: CommitFields, parents: (string | null)[]): CommitData {
    const commit: CommitData = {
      ...fields,
      sha: createHash('sha1').update(`${this.repo.id}:${this.repo.commits.length}`).digest('hex'),
      parents: parents.filter((p): p is string => p !== null),
    };
    this.repo.commits.push(commit);
    return commit;
  }

  /** Adds a commit on top of the tip (with an optional second parent) and moves the tip to it. */
  land(fields: CommitFields, second: string | null = null): CommitData {
    const commit = this.make(fields, [this.tip, second]);
    this.tip = commit.sha;
    this.mainline.push(commit);
    return commit;
  }
}

/** A commit its author also committed, not from a pull request. */
const ownCommit = (
  who: Actor,
  email: string,
  at: string,
  via: CommitData['via'],
): CommitFields => ({
  author: who,
  email,
  date: at,
  committer: who,
  committerEmail: email,
  committedAt: at,
  via,
  pr: null,
});

const github = (at: string) => ({
  committer: null,
  committerEmail: WEB_FLOW.email,
  committedAt: at,
});

/**
 * Appends the commits of [from, to): `pushes` direct pushes (a few of them maintainers' local
 * merges) and the landing of each merged PR in `merged`. Keeps `repo.commits` oldest first by
 * committer date, children after parents, and sets each PR's `mergeCommit`.
 */
export function addHistory(
  repo: RepoData,
  tools: HistoryTools,
  merged: readonly PullData[],
  pushes: number,
  from: number,
  to: number,
): void {
  const { r } = tools;
  const first = repo.commits.length;
  const line = new Line(repo);
  if (repo.commits.length === 0) {
    const founder: Actor = { login: 'maintainer0', type: 'User' };
    line.land(ownCommit(founder, emailOf(founder, ''), repo.createdAt, 'push'));
  }

  const events: { at: number; pull: PullData | null }[] = [];
  for (let i = 0; i < pushes; i++)
    events.push({ at: from + Math.sqrt(r()) * (to - from), pull: null });
  for (const pull of merged) events.push({ at: Date.parse(pull.mergedAt!), pull });
  events.sort((a, b) => a.at - b.at);

  for (const event of events) {
    const at = iso(event.at);
    if (event.pull !== null) {
      landPull(line, tools, event.pull, at);
      continue;
    }
    const x = r();
    if (x < 0.05) {
      landLocalMerge(line, tools, event.at);
      continue;
    }
    const author: Actor =
      x < 0.1 ? tools.bot() : x < 0.4 ? tools.maintainer() : x < 0.85 ? tools.user() : null;
    const email = emailOf(author, `dev${Math.floor(r() * 400)}@example.com`);
    line.land(ownCommit(author, email, at, 'push'));
  }
  // Branch commits were made when their merge landed: order the batch by committer date, as listed.
  const batch = repo.commits.splice(first).map((c, i) => ({ c, i }));
  batch.sort((a, b) => a.c.committedAt.localeCompare(b.c.committedAt) || a.i - b.i);
  for (const b of batch) repo.commits.push(b.c); // not push(...): too many arguments at 10×
}

/** A maintainer merges a branch of their own locally and pushes the merge commit. */
function landLocalMerge(line: Line, tools: HistoryTools, eventAt: number): void {
  const at = iso(eventAt);
  const who = tools.maintainer();
  const email = emailOf(who, '');
  let parent = line.tip;
  const since = Date.parse(line.mainline.at(-1)?.committedAt ?? at);
  const n = 1 + Math.floor(tools.r() * 2);
  for (let j = 0; j < n; j++) {
    const when = iso(since + ((eventAt - since) * (j + 1)) / (n + 2));
    parent = line.make(ownCommit(who, email, when, 'branch'), [parent]).sha;
  }
  line.land(ownCommit(who, email, at, 'local-merge'), parent);
}

/** The commits a pull request was made of, spread over its life. */
function pullCommits(tools: HistoryTools, pull: PullData) {
  const created = Date.parse(pull.createdAt);
  const span = Date.parse(pull.mergedAt!) - created;
  const count = 1 + Math.floor(tools.r() * 4);
  return Array.from({ length: count }, (_, j) => {
    const y = tools.r();
    // Most commits are the PR author's; some carry an e-mail not linked to the account, some are
    // a co-author's.
    const author = y < 0.15 ? null : y < 0.3 ? tools.user() : pull.author;
    const email =
      author === null ? `${pull.author?.login ?? 'someone'}@home.example.net` : emailOf(author, '');
    return { author, email, date: iso(created + (span * (j + 1)) / (count + 1)) };
  });
}

/** Lands a merged pull request by merge commit, squash or rebase. */
function landPull(line: Line, tools: HistoryTools, pull: PullData, at: string): void {
  const { r } = tools;
  const commits = pullCommits(tools, pull);
  const method =
    pull.author?.type === 'Bot' ? 'squash' : r() < 0.5 ? 'merge' : r() < 0.6 ? 'squash' : 'rebase';
  pull.mergeMethod = method;
  if (method === 'merge') {
    let parent = baseAt(line.mainline, pull.createdAt);
    for (const c of commits)
      parent = line.make(
        {
          ...c,
          committer: c.author,
          committerEmail: c.email,
          committedAt: c.date,
          via: 'branch',
          pr: pull.number,
        },
        [parent],
      ).sha;
    const merger = tools.maintainer();
    pull.mergeCommit = line.land(
      {
        author: merger,
        email: emailOf(merger, ''),
        date: at,
        ...github(at),
        via: 'merge',
        pr: pull.number,
      },
      parent,
    ).sha;
  } else if (method === 'squash') {
    pull.mergeCommit = line.land({
      author: pull.author,
      email: emailOf(pull.author, ''),
      date: at,
      ...github(at),
      via: 'squash',
      pr: pull.number,
    }).sha;
  } else {
    for (const c of commits)
      pull.mergeCommit = line.land({ ...c, ...github(at), via: 'rebase', pr: pull.number }).sha;
  }
}

/** The mainline commit a branch started from: the newest one at or before `at`. */
function baseAt(mainline: readonly CommitData[], at: string): string | null {
  let lo = 0;
  let hi = mainline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mainline[mid]!.committedAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : mainline[lo - 1]!.sha;
}

/** Every contribution of the repo by DESIGN.md's rule, from how each item was generated. */
export function trueContributions(repo: RepoData): TrueContribution[] {
  const out: TrueContribution[] = [];
  for (const pull of repo.pulls) {
    if (pull.mergedAt && pull.author?.type === 'User')
      out.push({
        kind: 'pr',
        ref: String(pull.number),
        login: pull.author.login,
        email: null,
        at: pull.mergedAt,
      });
  }
  for (const c of repo.commits) {
    if (c.via !== 'push' || c.author?.type === 'Bot') continue;
    out.push({
      kind: 'commit',
      ref: c.sha,
      login: c.author?.login ?? null,
      email: c.author ? null : c.email,
      at: c.date,
    });
  }
  return out;
}
