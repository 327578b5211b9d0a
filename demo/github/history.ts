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
  const mainline = repo.commits.filter((c) => c.via !== 'branch');
  let tip = mainline.at(-1)?.sha ?? null;
  const make = (fields: Omit<CommitData, 'sha' | 'parents'>, parents: (string | null)[]) => {
    const commit: CommitData = {
      ...fields,
      sha: createHash('sha1').update(`${repo.id}:${repo.commits.length}`).digest('hex'),
      parents: parents.filter((p): p is string => p !== null),
    };
    repo.commits.push(commit);
    return commit;
  };
  const land = (fields: Omit<CommitData, 'sha' | 'parents'>, second: string | null = null) => {
    const commit = make(fields, [tip, second]);
    tip = commit.sha;
    mainline.push(commit);
    return commit;
  };
  const github = (at: string) => ({
    committer: null,
    committerEmail: WEB_FLOW.email,
    committedAt: at,
  });

  if (repo.commits.length === 0) {
    const founder: Actor = { login: 'maintainer0', type: 'User' };
    const at = repo.createdAt;
    land({
      author: founder,
      email: emailOf(founder, ''),
      date: at,
      committer: founder,
      committerEmail: emailOf(founder, ''),
      committedAt: at,
      via: 'push',
      pr: null,
    });
  }

  const events: { at: number; pull: PullData | null }[] = [];
  for (let i = 0; i < pushes; i++)
    events.push({ at: from + Math.sqrt(r()) * (to - from), pull: null });
  for (const pull of merged) events.push({ at: Date.parse(pull.mergedAt!), pull });
  events.sort((a, b) => a.at - b.at);

  for (const event of events) {
    const at = iso(event.at);
    if (event.pull === null) {
      const x = r();
      if (x < 0.05) {
        // A maintainer merges a branch of their own locally and pushes the merge commit.
        const who = tools.maintainer();
        const email = emailOf(who, '');
        let parent = tip;
        const since = Date.parse(mainline.at(-1)?.committedAt ?? at);
        const n = 1 + Math.floor(r() * 2);
        for (let j = 0; j < n; j++) {
          const when = iso(since + ((event.at - since) * (j + 1)) / (n + 2));
          parent = make(
            {
              author: who,
              email,
              date: when,
              committer: who,
              committerEmail: email,
              committedAt: when,
              via: 'branch',
              pr: null,
            },
            [parent],
          ).sha;
        }
        land(
          {
            author: who,
            email,
            date: at,
            committer: who,
            committerEmail: email,
            committedAt: at,
            via: 'local-merge',
            pr: null,
          },
          parent,
        );
        continue;
      }
      const author: Actor =
        x < 0.1 ? tools.bot() : x < 0.4 ? tools.maintainer() : x < 0.85 ? tools.user() : null;
      const email = emailOf(author, `dev${Math.floor(r() * 400)}@example.com`);
      land({
        author,
        email,
        date: at,
        committer: author,
        committerEmail: email,
        committedAt: at,
        via: 'push',
        pr: null,
      });
      continue;
    }
    landPull(event.pull, at);
  }
  // Branch commits were made when their merge landed: order the batch by committer date, as listed.
  const batch = repo.commits.splice(first).map((c, i) => ({ c, i }));
  batch.sort((a, b) => a.c.committedAt.localeCompare(b.c.committedAt) || a.i - b.i);
  repo.commits.push(...batch.map((b) => b.c));

  function landPull(pull: PullData, at: string): void {
    const created = Date.parse(pull.createdAt);
    const span = Date.parse(pull.mergedAt!) - created;
    const count = 1 + Math.floor(r() * 4);
    const commits = Array.from({ length: count }, (_, j) => {
      const y = r();
      // Most commits are the PR author's; some carry an e-mail not linked to the account, some are
      // a co-author's.
      const author = y < 0.15 ? null : y < 0.3 ? tools.user() : pull.author;
      const email =
        author === null
          ? `${pull.author?.login ?? 'someone'}@home.example.net`
          : emailOf(author, '');
      return { author, email, date: iso(created + (span * (j + 1)) / (count + 1)) };
    });
    const method =
      pull.author?.type === 'Bot'
        ? 'squash'
        : r() < 0.5
          ? 'merge'
          : r() < 0.6
            ? 'squash'
            : 'rebase';
    pull.mergeMethod = method;
    if (method === 'merge') {
      let parent = baseAt(mainline, pull.createdAt);
      for (const c of commits)
        parent = make(
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
      pull.mergeCommit = land(
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
      pull.mergeCommit = land({
        author: pull.author,
        email: emailOf(pull.author, ''),
        date: at,
        ...github(at),
        via: 'squash',
        pr: pull.number,
      }).sha;
    } else {
      for (const c of commits)
        pull.mergeCommit = land({ ...c, ...github(at), via: 'rebase', pr: pull.number }).sha;
    }
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
