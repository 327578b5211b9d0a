/**
 * Commits on the default branch, for contributors who push directly. Authors not linked to an
 * account count once per e-mail address (stored hashed). Skipped when `pushed_at` has not moved.
 * The pass pins `until`, so page numbers stay stable while it resumes after an interruption.
 */
import type { Insertable } from 'kysely';
import { upsertContributions } from '../../db/queries/github.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { ContributionTable } from '../../db/schema.js';
import { contributorKey, emailKey, type BotList } from './actors.js';
import type { GithubContext, RepoRef } from './context.js';

export interface CommitJson {
  sha: string;
  commit: {
    author: { email?: string | null; date?: string | null } | null;
    committer: { date?: string | null } | null;
  };
  author: { login: string; type?: string } | null;
}

interface CommitCursor {
  /** Commits dated before this are stored (an overlap of a day is re-read). */
  since: string | null;
  pushedAt: string | null;
  pass: { until: string; page: number; newest: string | null } | null;
}

const OVERLAP_MS = 86_400_000;

export function toCommitContributions(
  repoId: string,
  commits: readonly CommitJson[],
  bots: BotList,
): Insertable<ContributionTable>[] {
  const rows: Insertable<ContributionTable>[] = [];
  for (const c of commits) {
    const at = c.commit.author?.date ?? c.commit.committer?.date;
    if (!at) continue;
    let contributor: string | null = null;
    if (c.author) {
      const login = bots.person(c.author);
      if (login) contributor = contributorKey(login);
    } else {
      const email = c.commit.author?.email;
      if (email && !/\[bot\]@|noreply@github\.com$/i.test(email)) contributor = emailKey(email);
    }
    if (contributor) rows.push({ repo_id: repoId, kind: 'commit', ref: c.sha, contributor, at });
  }
  return rows;
}

export async function collectCommits(ctx: GithubContext, repo: RepoRef): Promise<number> {
  const state = await findSyncState(ctx.db, 'commits', repo.id);
  let cursor: CommitCursor = state?.cursor
    ? JSON.parse(state.cursor)
    : { since: null, pushedAt: null, pass: null };
  if (!cursor.pass && repo.pushedAt !== null && repo.pushedAt === cursor.pushedAt) return 0;
  if (!repo.defaultBranch) return 0;
  const pass = cursor.pass ?? { until: ctx.now().toISOString(), page: 1, newest: null };
  let rows = 0;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const response = await ctx.client.octokit.rest.repos.listCommits({
      owner: repo.owner,
      repo: repo.name,
      sha: repo.defaultBranch,
      until: pass.until,
      ...(cursor.since ? { since: cursor.since } : {}),
      per_page: 100,
      page: pass.page,
    });
    const commits = response.data as unknown as CommitJson[];
    const contributions = toCommitContributions(repo.id, commits, ctx.bots);
    const dates = commits
      .map((c) => c.commit.committer?.date ?? c.commit.author?.date ?? '')
      .filter(Boolean);
    const newest = [pass.newest, ...dates].reduce(
      (a, b) => (a === null || (b !== null && b > a) ? b : a),
      null,
    );
    const finished = !/rel="next"/.test(response.headers.link ?? '');
    cursor = finished
      ? {
          since: newest ? new Date(Date.parse(newest) - OVERLAP_MS).toISOString() : cursor.since,
          pushedAt: repo.pushedAt,
          pass: null,
        }
      : { ...cursor, pass: { until: pass.until, page: pass.page + 1, newest } };
    pass.page += 1;
    pass.newest = newest;
    await ctx.db.transaction().execute(async (trx) => {
      await upsertContributions(trx, contributions);
      await saveSyncState(trx, {
        resource: 'commits',
        scope: repo.id,
        cursor: JSON.stringify(cursor),
        etag: null,
        status: 'ok',
        detail: null,
        updated_at: ctx.now().toISOString(),
      });
    });
    rows += contributions.length;
    ctx.progress({
      source: 'github',
      scope: repo.fullName,
      resource: 'commits',
      items: rows,
      pages: pass.page - 1,
      total: null,
      rateRemaining: ctx.client.usage.rate.core?.remaining ?? null,
      done: finished,
    });
    if (finished) return rows;
  }
}
