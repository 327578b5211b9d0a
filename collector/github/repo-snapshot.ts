/**
 * The repository itself, every pass, as a conditional request: a 304 costs nothing against the
 * rate limit and means nothing changed. Gives the day's stars/forks/open-issues snapshot, the
 * default branch, and `pushed_at` (no push, no new commits). A renamed repo answers 301; fetch
 * follows it, and the stored name is updated.
 */
import { findLatestSnapshot, upsertRepo, upsertRepoSnapshot } from '../../db/queries/github.js';
import { findSyncState, saveSyncState, type SyncState } from '../../db/queries/sync-state.js';
import type { GithubContext, RepoRef } from './context.js';
import { httpStatus } from './errors.js';

export interface RepoJson {
  id: number;
  full_name: string;
  default_branch: string;
  fork: boolean;
  archived: boolean;
  stargazers_count: number;
  forks_count: number;
  open_issues_count: number;
  created_at: string;
  pushed_at?: string | null;
}

export class RepoNotFoundError extends Error {
  override name = 'RepoNotFoundError';
}

export async function collectRepoSnapshot(
  ctx: GithubContext,
  fullName: string,
): Promise<RepoRef & { renamedFrom: string | null }> {
  const scope = fullName.toLowerCase();
  const state = await findSyncState(ctx.db, 'repo', scope);
  const now = ctx.now().toISOString();
  const day = now.slice(0, 10);
  const { json, etag } = await fetchRepo(ctx, fullName, state);

  if (json === null) {
    // 304: nothing changed; carry the last snapshot forward to today.
    const known = JSON.parse(state!.cursor!) as RepoRef;
    const last = await findLatestSnapshot(ctx.db, known.id);
    if (last && last.day !== day) await upsertRepoSnapshot(ctx.db, { ...last, day, taken_at: now });
    return { ...known, renamedFrom: null };
  }

  const ref = toRepoRef(json);
  await ctx.db.transaction().execute(async (trx) => {
    await upsertRepo(trx, {
      id: ref.id,
      full_name: json.full_name,
      default_branch: json.default_branch,
      is_fork: json.fork ? 1 : 0,
      is_archived: json.archived ? 1 : 0,
      created_at: json.created_at,
      first_seen_at: now,
    });
    await upsertRepoSnapshot(trx, {
      repo_id: ref.id,
      day,
      taken_at: now,
      stars: json.stargazers_count,
      forks: json.forks_count,
      open_issues: json.open_issues_count,
    });
    await saveSyncState(trx, {
      resource: 'repo',
      scope,
      cursor: JSON.stringify(ref),
      etag,
      status: 'ok',
      detail: null,
      updated_at: now,
    });
  });
  const renamedFrom = json.full_name.toLowerCase() === scope ? null : fullName;
  return { ...ref, renamedFrom };
}

/** Asks for the repository, conditionally; `json` is null when it answered 304 (unchanged). */
async function fetchRepo(
  ctx: GithubContext,
  fullName: string,
  state: SyncState | undefined,
): Promise<{ json: RepoJson | null; etag: string | null }> {
  const [owner, name] = fullName.split('/') as [string, string];
  try {
    const response = await ctx.client.octokit.rest.repos.get({
      owner,
      repo: name,
      headers: state?.etag ? { 'if-none-match': state.etag } : {},
    });
    return { json: response.data as unknown as RepoJson, etag: response.headers.etag ?? null };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) {
      throw new RepoNotFoundError(
        `GitHub has no repository ${fullName} the token can see; check github.repos in the config and the token's access.`,
      );
    }
    if (status !== 304 || !state?.cursor) throw error;
    return { json: null, etag: null };
  }
}

function toRepoRef(json: RepoJson): RepoRef {
  return {
    id: String(json.id),
    owner: json.full_name.split('/')[0]!,
    name: json.full_name.split('/')[1]!,
    fullName: json.full_name,
    defaultBranch: json.default_branch,
    pushedAt: json.pushed_at ?? null,
  };
}
