/**
 * Contributions from the commit graph, by DESIGN.md's rule: a commit counts when it is on the
 * default branch's mainline (the first-parent chain from the head), is not a merge commit, and did
 * not arrive through a merged PR. GitHub's listing holds every reachable commit (the commits inside
 * merged PR branches, merge commits), so the mainline is rebuilt from each commit's `parents`.
 * Pure functions: the I/O is in commits.ts.
 */
import type { Insertable } from 'kysely';
import type { ContributionTable, GitCommitTable } from '../../db/schema.js';
import { contributorKey, emailKey, type BotList } from './actors.js';

/** An item of `GET /repos/{owner}/{repo}/commits`, the fields used. */
export interface CommitJson {
  sha: string;
  commit: {
    author: { email?: string | null; date?: string | null } | null;
    committer: { email?: string | null; date?: string | null } | null;
  };
  author: { login: string; type?: string } | null;
  committer: { login: string; type?: string } | null;
  parents: { sha: string }[];
}

export type CommitNode = Omit<GitCommitTable, 'repo_id'>;

/** E-mails that name a bot or GitHub itself, never a person. */
const MACHINE_EMAIL = /\[bot\]@|noreply@github\.com$/i;

export function toGitCommitRows(
  repoId: string,
  commits: readonly CommitJson[],
  bots: BotList,
): GitCommitTable[] {
  return commits.map((c) => {
    const committedAt = c.commit.committer?.date ?? c.commit.author?.date ?? '';
    let contributor: string | null = null;
    if (c.author) {
      const login = bots.person(c.author);
      if (login) contributor = contributorKey(login);
    } else {
      const email = c.commit.author?.email;
      if (email && !MACHINE_EMAIL.test(email)) contributor = emailKey(email);
    }
    const committerEmail = c.commit.committer?.email;
    return {
      repo_id: repoId,
      sha: c.sha,
      parent: c.parents[0]?.sha ?? null,
      parents: c.parents.length,
      contributor,
      authored_at: c.commit.author?.date ?? committedAt,
      committed_at: committedAt,
      committer: c.committer
        ? contributorKey(c.committer.login)
        : committerEmail
          ? emailKey(committerEmail)
          : null,
      mainline: null,
      pr: null,
    };
  });
}

export interface MainlineWalk {
  /** Commits newly found on the mainline, newest first. */
  chain: CommitNode[];
  /** A first parent that is not known yet (the listing did not reach it): fetch it and go on. */
  missing: string | null;
}

/**
 * Follows first parents from `from` until a commit already known to be on the mainline (the walk
 * of an earlier pass), a root commit, or a commit `get` does not know.
 */
export function walkMainline(
  from: string,
  get: (sha: string) => CommitNode | undefined,
): MainlineWalk {
  const chain: CommitNode[] = [];
  const seen = new Set<string>();
  let sha: string | null = from;
  while (sha !== null && !seen.has(sha)) {
    const node = get(sha);
    if (!node) return { chain, missing: sha };
    if (node.mainline === 1) break;
    seen.add(sha);
    chain.push(node);
    sha = node.parent;
  }
  return { chain, missing: null };
}

/**
 * Which mainline commits arrived through a merged PR. The PR's `mergeCommit` did (a merge commit,
 * a squash, or the last commit of a rebase merge); a rebase merge wrote the PR's other commits just
 * below it on the chain, by the same committer in the same instant, so those did too.
 * `chain` is newest first.
 */
export function landedThroughPulls(
  chain: readonly CommitNode[],
  pullByMergeCommit: ReadonlyMap<string, number>,
): Map<string, number> {
  const landed = new Map<string, number>();
  for (const [i, merge] of chain.entries()) {
    const pr = pullByMergeCommit.get(merge.sha);
    if (pr === undefined) continue;
    landed.set(merge.sha, pr);
    if (merge.parents !== 1) continue;
    for (const below of chain.slice(i + 1)) {
      const sameWrite =
        below.parents === 1 &&
        below.committed_at === merge.committed_at &&
        below.committer === merge.committer;
      if (!sameWrite || pullByMergeCommit.has(below.sha)) break;
      landed.set(below.sha, pr);
    }
  }
  return landed;
}

/** The contributions among newly walked mainline commits. */
export function toCommitContributions(
  repoId: string,
  chain: readonly CommitNode[],
  landed: ReadonlyMap<string, number>,
): Insertable<ContributionTable>[] {
  const rows: Insertable<ContributionTable>[] = [];
  for (const c of chain) {
    if (c.parents > 1 || c.pr !== null || landed.has(c.sha) || c.contributor === null) continue;
    rows.push({
      repo_id: repoId,
      kind: 'commit',
      ref: c.sha,
      contributor: c.contributor,
      at: c.authored_at,
    });
  }
  return rows;
}
