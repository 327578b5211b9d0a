/**
 * One GraphQL point per repo tells whether pull requests, issues or stars changed since the last
 * pass, so an unchanged hourly pass costs that point and a 304, nothing more.
 */
import { findNewestStar } from '../../db/queries/github.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import type { GithubContext, RepoRef } from './context.js';
import { graphqlErrors } from './errors.js';
import { readCursor } from './paged.js';
import { PROBE_QUERY } from './queries.js';
import { isRefusal } from './stars.js';

export interface ProbeResult {
  pullRequests: boolean;
  issues: boolean;
  /** 'refused' when the stargazer list is not shown to this token. */
  stars: boolean | 'refused';
  /** The default branch's head commit (null for an empty repository). */
  head: string | null;
}

interface ProbeData {
  repository: {
    defaultBranchRef: { target: { oid: string } | null } | null;
    pullRequests: { nodes: { updatedAt: string }[] };
    issues: { nodes: { updatedAt: string }[] };
  } | null;
  stars: { stargazers: { edges: { starredAt: string }[] } } | null;
}

export async function probeChanges(ctx: GithubContext, repo: RepoRef): Promise<ProbeResult> {
  let data: ProbeData;
  let starsRefused = false;
  try {
    data = await ctx.client.graphql<ProbeData>(PROBE_QUERY, { owner: repo.owner, name: repo.name });
  } catch (error) {
    const partial = graphqlErrors(error);
    // A refused stargazer list nulls only the `stars` root field; anything else is a real failure.
    const onlyStars = partial?.errors.every((e) => e.path?.[0] === 'stars');
    if (
      !partial ||
      !onlyStars ||
      !isRefusal(error) ||
      !(partial.data as ProbeData | null)?.repository
    )
      throw error;
    data = partial.data as ProbeData;
    starsRefused = true;
    ctx.client.usage.points += 1;
  }
  const changed = async (resource: string, newest: string | undefined) => {
    const cursor = await readCursor(ctx.db, resource, repo.id);
    if (cursor.after !== null || cursor.since === null) return true; // unfinished or never run
    return newest !== undefined && newest > cursor.since;
  };
  const newestStar = data.stars?.stargazers.edges[0]?.starredAt;
  const starState = await findSyncState(ctx.db, 'stars', repo.id);
  const starsInProgress = starState?.cursor
    ? (JSON.parse(starState.cursor) as { after: string | null }).after !== null
    : false;
  const storedNewest = await findNewestStar(ctx.db, repo.id);
  return {
    pullRequests: await changed('pull_requests', data.repository!.pullRequests.nodes[0]?.updatedAt),
    issues: await changed('issues', data.repository!.issues.nodes[0]?.updatedAt),
    head: data.repository!.defaultBranchRef?.target?.oid ?? null,
    stars: starsRefused
      ? 'refused'
      : starsInProgress ||
        (newestStar !== undefined && (storedNewest === null || newestStar > storedNewest)),
  };
}
