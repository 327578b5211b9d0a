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
  const scan = new LandedScan();
  scan.add(chain, pullByMergeCommit);
  return scan.landed;
}

/**
 * `landedThroughPulls` over a chain taken in pieces, newest first (a backfill walks a mainline of
 * 100k commits a few thousand at a time): a rebase merge's run of commits carries on into the next
 * piece.
 */
export class LandedScan {
  readonly landed = new Map<string, number>();
  /** The rebase merge whose earlier commits may follow: its PR, instant and committer. */
  private run: { pr: number; at: string; committer: string | null } | null = null;

  add(piece: readonly CommitNode[], pullByMergeCommit: ReadonlyMap<string, number>): void {
    for (const commit of piece) {
      const pr = pullByMergeCommit.get(commit.sha);
      if (pr !== undefined) {
        this.landed.set(commit.sha, pr);
        this.run =
          commit.parents === 1
            ? { pr, at: commit.committed_at, committer: commit.committer }
            : null;
      } else if (
        this.run &&
        commit.parents === 1 &&
        commit.committed_at === this.run.at &&
        commit.committer === this.run.committer
      ) {
        this.landed.set(commit.sha, this.run.pr);
      } else {
        this.run = null;
      }
    }
  }
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
