/**
 * Which repositories a pass covers: `github.repos`, plus each org's public repos (non-archived,
 * non-fork unless configured). The org listing is a conditional request; a 304 reuses the last list.
 */
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { GithubContext } from './context.js';
import { httpStatus } from './errors.js';

export interface RepoSelection {
  repos: readonly string[];
  orgs: readonly string[];
  includeForks: boolean;
  includeArchived: boolean;
}

interface OrgRepoJson {
  full_name: string;
  fork: boolean;
  archived: boolean;
  private?: boolean;
}

export async function resolveRepos(
  ctx: GithubContext,
  selection: RepoSelection,
): Promise<string[]> {
  const names = new Map<string, string>();
  for (const repo of selection.repos) names.set(repo.toLowerCase(), repo);
  for (const org of selection.orgs) {
    for (const repo of await listOrgRepos(ctx, org)) {
      if (
        repo.private ||
        (repo.fork && !selection.includeForks) ||
        (repo.archived && !selection.includeArchived)
      )
        continue;
      if (!names.has(repo.full_name.toLowerCase()))
        names.set(repo.full_name.toLowerCase(), repo.full_name);
    }
  }
  return [...names.values()];
}

async function listOrgRepos(ctx: GithubContext, org: string): Promise<OrgRepoJson[]> {
  const scope = org.toLowerCase();
  const state = await findSyncState(ctx.db, 'org_repos', scope);
  try {
    const first = await ctx.client.octokit.rest.repos.listForOrg({
      org,
      type: 'public',
      per_page: 100,
      headers: state?.etag ? { 'if-none-match': state.etag } : {},
    });
    let repos = first.data as unknown as OrgRepoJson[];
    if (/rel="next"/.test(first.headers.link ?? '')) {
      repos = (await ctx.client.octokit.paginate(ctx.client.octokit.rest.repos.listForOrg, {
        org,
        type: 'public',
        per_page: 100,
      })) as unknown as OrgRepoJson[];
    }
    const slim = repos.map((r) => ({
      full_name: r.full_name,
      fork: r.fork,
      archived: r.archived,
      private: r.private ?? false,
    }));
    await saveSyncState(ctx.db, {
      resource: 'org_repos',
      scope,
      cursor: JSON.stringify(slim),
      etag: first.headers.etag ?? null,
      status: 'ok',
      detail: null,
      updated_at: ctx.now().toISOString(),
    });
    return slim;
  } catch (error) {
    if (httpStatus(error) === 304 && state?.cursor)
      return JSON.parse(state.cursor) as OrgRepoJson[];
    if (httpStatus(error) === 404) {
      throw new Error(
        `GitHub has no organisation ${org} the token can see; check github.orgs in the config.`,
      );
    }
    throw error;
  }
}
