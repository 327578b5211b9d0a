/**
 * One GraphQL point per repo tells whether pull requests, issues or discussions changed since the last pass, so
 * an unchanged hourly pass costs that point and a 304, nothing more. Where stars come from the
 * stargazer list (no star-history endpoint), the same point tells whether stars changed too.
 */
import { findNewestStar } from '../../db/queries/github.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import type { GithubContext, RepoRef } from './context.js';
import { graphqlErrors } from './errors.js';
import { readCursor } from './paged.js';
import { PROBE_QUERY, PROBE_WITH_STARS_QUERY } from './queries.js';
import { isRefusal } from './stars.js';

export interface ProbeResult {
  pullRequests: boolean;
  issues: boolean;
  /** False too where discussions are off. */
  discussions: boolean;
  /** Whether to read the stargazer list; 'refused' when it is not shown to this token. */
  stars: boolean | 'refused';
  /** The default branch's head commit (null for an empty repository). */
  head: string | null;
}

interface ProbeData {
  repository: {
    defaultBranchRef: { target: { oid: string } | null } | null;
    pullRequests: { nodes: { updatedAt: string }[] };
    issues: { nodes: { updatedAt: string }[] };
    hasDiscussionsEnabled: boolean;
    discussions: { nodes: { updatedAt: string }[] };
  } | null;
  stars?: {
    stargazerCount: number;
    stargazers: { edges: { starredAt: string }[] };
  } | null;
}

export async function probeChanges(
  ctx: GithubContext,
  repo: RepoRef,
  options: { starList: boolean } = { starList: false },
): Promise<ProbeResult> {
  const variables = { owner: repo.owner, name: repo.name };
  let data: ProbeData;
  let starsRefused = false;
  if (!options.starList) {
    data = await ctx.client.graphql<ProbeData>(PROBE_QUERY, variables);
  } else {
    try {
      data = await ctx.client.graphql<ProbeData>(PROBE_WITH_STARS_QUERY, variables);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      starsRefused = true;
      const partial = graphqlErrors(error);
      // FORBIDDEN on the field nulls only the `stars` root field; a whole-request 403 leaves
      // nothing, so the probe asks again without the stars.
      const onlyStars = partial?.errors.every((e) => e.path?.[0] === 'stars');
      const kept = (partial?.data as ProbeData | null)?.repository;
      if (partial && onlyStars && kept) {
        data = partial.data as ProbeData;
        ctx.client.usage.points += 1;
      } else {
        data = await ctx.client.graphql<ProbeData>(PROBE_QUERY, variables);
      }
    }
  }
  const changed = async (resource: string, newest: string | undefined) => {
    const cursor = await readCursor(ctx.db, resource, repo.id);
    if (cursor.after !== null || cursor.since === null) return true; // unfinished or never run
    return newest !== undefined && newest > cursor.since;
  };
  return {
    pullRequests: await changed('pull_requests', data.repository!.pullRequests.nodes[0]?.updatedAt),
    issues: await changed('issues', data.repository!.issues.nodes[0]?.updatedAt),
    discussions:
      data.repository!.hasDiscussionsEnabled &&
      (await changed('discussions', data.repository!.discussions.nodes[0]?.updatedAt)),
    head: data.repository!.defaultBranchRef?.target?.oid ?? null,
    stars: !options.starList
      ? false
      : starsRefused
        ? 'refused'
        : await starsChanged(ctx, repo, data),
  };
}

async function starsChanged(
  ctx: GithubContext,
  repo: RepoRef,
  data: ProbeData,
): Promise<boolean | 'refused'> {
  const stars = data.stars;
  // An empty list while the repository has stars is a refusal too.
  if (stars && stars.stargazers.edges.length === 0 && stars.stargazerCount > 0) return 'refused';
  const newestStar = stars?.stargazers.edges[0]?.starredAt;
  const starState = await findSyncState(ctx.db, 'stars', repo.id);
  const inProgress = starState?.cursor
    ? (JSON.parse(starState.cursor) as { after: string | null }).after !== null
    : false;
  const storedNewest = await findNewestStar(ctx.db, repo.id);
  return (
    inProgress || (newestStar !== undefined && (storedNewest === null || newestStar > storedNewest))
  );
}
