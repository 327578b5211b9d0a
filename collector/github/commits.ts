/**
 * The default branch's commits, for contributions made by pushing to it. GitHub lists every commit
 * reachable from the head (merged PR branches and merge commits too), so each listed commit is
 * stored with its parents, and the mainline is walked from the head (mainline.ts decides what
 * counts). A pass runs only when the head moved (the probe's `defaultBranchRef`), lists from that
 * head (`sha` pins it, so pages stay stable while it resumes) back to a day before the newest commit
 * of the last pass, and joins the walk of the last pass; a mainline commit the listing did not
 * reach (pushed long after it was committed) is fetched by its sha.
 */
import { setImmediate } from 'node:timers/promises';
import { collectGarbage } from '../../db/collect-garbage.js';
import { deleteContributions, upsertContributions } from '../../db/queries/github.js';
import {
  findGitCommit,
  findGitCommits,
  findPullsByMergeCommit,
  insertGitCommits,
  listUnlinkedMergeCommits,
  markMainline,
  markOffMainline,
  setCommitPull,
  walkStoredChain,
} from '../../db/queries/commits.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import { reportRestProgress, type GithubContext, type RepoRef } from './context.js';
import { LandedScan, toCommitContributions, toGitCommitRows, type CommitJson } from './mainline.js';

interface CommitCursor {
  /** The head whose mainline is walked and stored. */
  head: string | null;
  /** Commits committed before this are stored (an overlap of a day is re-read). */
  since: string | null;
  /** An unfinished listing from `head`; page 0 once every page is stored. */
  pass: { head: string; page: number; newest: string | null } | null;
}

const OVERLAP_MS = 86_400_000;
/** Mainline commits written per transaction: short write locks while a backfill walks 100k. */
const WRITE_BATCH = 2_000;
/** Commits of the first-parent chain the database walks per query. */
const WALK_CHUNK = 5_000;

async function listCommitsPage(
  ctx: GithubContext,
  repo: RepoRef,
  sha: string,
  since: string | null,
  page: number,
) {
  const response = await ctx.client.octokit.rest.repos.listCommits({
    owner: repo.owner,
    repo: repo.name,
    sha,
    ...(since ? { since } : {}),
    per_page: 100,
    page,
  });
  return {
    commits: response.data as unknown as CommitJson[],
    last: !/rel="next"/.test(response.headers.link ?? ''),
  };
}

export async function collectCommits(
  ctx: GithubContext,
  repo: RepoRef,
  head: string | null,
): Promise<number> {
  const state = await findSyncState(ctx.db, 'commits', repo.id);
  const cursor: CommitCursor = state?.cursor
    ? { head: null, since: null, pass: null, ...(JSON.parse(state.cursor) as object) }
    : { head: null, since: null, pass: null };
  const save = (db = ctx.db) =>
    saveSyncState(db, {
      resource: 'commits',
      scope: repo.id,
      cursor: JSON.stringify(cursor),
      etag: null,
      status: 'ok',
      detail: null,
      updated_at: ctx.now().toISOString(),
    });
  let rows = 0;
  if (!cursor.pass) {
    if (head === null || head === cursor.head) return linkLateMerges(ctx, repo);
    cursor.pass = { head, page: 1, newest: null };
  }
  const pass = cursor.pass;
  while (pass.page > 0) {
    ctx.signal?.throwIfAborted();
    const { commits, last } = await listCommitsPage(ctx, repo, pass.head, cursor.since, pass.page);
    const nodes = toGitCommitRows(repo.id, commits, ctx.bots);
    for (const n of nodes)
      if (!pass.newest || n.committed_at > pass.newest) pass.newest = n.committed_at;
    const pages = pass.page;
    pass.page = last ? 0 : pass.page + 1;
    await ctx.db.transaction().execute(async (trx) => {
      await insertGitCommits(trx, nodes);
      await save(trx);
    });
    rows += nodes.length;
    reportRestProgress(ctx, repo, 'commits', { items: rows, pages, done: false });
  }
  await walkFromHead(ctx, repo, pass.head);
  cursor.head = pass.head;
  cursor.since = pass.newest
    ? new Date(Date.parse(pass.newest) - OVERLAP_MS).toISOString()
    : cursor.since;
  cursor.pass = null;
  await save();
  reportRestProgress(ctx, repo, 'commits', { items: rows, pages: 0, done: true });
  return rows + (await linkLateMerges(ctx, repo));
}

/**
 * Places the commits listed since the last walk on or off the mainline, and counts contributions.
 * The chain from the head is walked by the database `WALK_CHUNK` commits at a time and held as
 * shas only; its commits are read again a batch at a time to find the PRs they landed through
 * (newest first) and to write them (oldest first), so a backfill's memory does not grow with the
 * length of the mainline.
 */
async function walkFromHead(ctx: GithubContext, repo: RepoRef, head: string): Promise<void> {
  // Each batch read is garbage once written: collected as it piles up, a 10× backfill's walk
  // peaked at 300 MB in a collector that held ~160 MB before it, instead of staying near it.
  const heapBefore = process.memoryUsage().heapUsed;
  const chain = await newMainline(ctx, repo, head);
  const scan = new LandedScan();
  for (let end = 0; end < chain.length; end += WRITE_BATCH) {
    await turn(ctx);
    const piece = await nodesOf(ctx, repo, chain.slice(end, end + WRITE_BATCH));
    const pulls = await findPullsByMergeCommit(
      ctx.db,
      repo.id,
      piece.map((c) => c.sha),
    );
    scan.add(piece, pulls);
    collectGarbage(heapBefore);
  }
  const landed = scan.landed;
  // Oldest first: an interrupted write leaves a mainline that the next walk joins correctly.
  for (let end = chain.length; end > 0; end -= WRITE_BATCH) {
    await turn(ctx);
    const batch = (await nodesOf(ctx, repo, chain.slice(Math.max(0, end - WRITE_BATCH), end)))
      .reverse()
      .map((c) => ({ ...c, pr: landed.get(c.sha) ?? c.pr }));
    await ctx.db.transaction().execute(async (trx) => {
      await markMainline(trx, repo.id, batch);
      await upsertContributions(trx, toCommitContributions(repo.id, batch, landed));
    });
    collectGarbage(heapBefore);
  }
  await markOffMainline(ctx.db, repo.id);
}

/**
 * The shas of the first-parent chain from `head` down to the mainline an earlier pass walked (or
 * the root), newest first. A first parent that is not stored was committed before the listing's
 * `since` but pushed since: listed from it, stored, and walked on.
 */
async function newMainline(ctx: GithubContext, repo: RepoRef, head: string): Promise<string[]> {
  const chain: string[] = [];
  let from: string | null = head;
  while (from !== null) {
    await turn(ctx);
    const steps = await walkStoredChain(ctx.db, repo.id, from, WALK_CHUNK);
    if (steps.length === 0) {
      const page = await listCommitsPage(ctx, repo, from, null, 1);
      await insertGitCommits(ctx.db, toGitCommitRows(repo.id, page.commits, ctx.bots));
      if (!(await findGitCommit(ctx.db, repo.id, from)))
        throw new Error(`GitHub did not list commit ${from} of ${repo.fullName}`);
      continue;
    }
    for (const step of steps) {
      if (step.mainline === 1) return chain;
      chain.push(step.sha);
    }
    from = steps.at(-1)!.parent;
  }
  return chain;
}

/**
 * Lets the event loop turn, then stops if the pass was stopped. The walk's queries are synchronous
 * (better-sqlite3): awaiting only them, the walk of a 10× backfill's largest repository kept timers
 * (the lease's renewal) and a Ctrl-C waiting 18–22 s alone, ~50 s in a loaded bench; now at most
 * 0.8 s (`bench/commit-walk.ts`). Stopping between batches is safe: nothing is written before the
 * second loop, which writes oldest first.
 */
async function turn(ctx: GithubContext): Promise<void> {
  await setImmediate();
  ctx.signal?.throwIfAborted();
}

/** The stored commits of `shas`, in that order. */
async function nodesOf(ctx: GithubContext, repo: RepoRef, shas: readonly string[]) {
  const nodes = await findGitCommits(ctx.db, repo.id, shas);
  return shas.map((sha) => nodes.get(sha)!);
}

/**
 * A PR merged after the last PR pass but before the commit listing: its commits were walked as
 * direct pushes. Now that the PR is stored, they are its commits, not contributions of their own.
 */
async function linkLateMerges(ctx: GithubContext, repo: RepoRef): Promise<number> {
  const late = await listUnlinkedMergeCommits(ctx.db, repo.id);
  for (const { number, sha } of late) {
    const merge = await findGitCommit(ctx.db, repo.id, sha);
    if (!merge) continue;
    const shas = [sha];
    const find = (parent: string | null) =>
      parent ? findGitCommit(ctx.db, repo.id, parent) : Promise.resolve(undefined);
    let below = merge.parents === 1 ? await find(merge.parent) : undefined;
    // A rebase merge: the PR's other commits, written by GitHub in the same instant.
    while (
      below?.mainline === 1 &&
      below.pr === null &&
      below.parents === 1 &&
      below.committed_at === merge.committed_at &&
      below.committer === merge.committer
    ) {
      shas.push(below.sha);
      below = await find(below.parent);
    }
    await ctx.db.transaction().execute(async (trx) => {
      await setCommitPull(trx, repo.id, shas, number);
      await deleteContributions(trx, repo.id, 'commit', shas);
    });
  }
  return late.length;
}
