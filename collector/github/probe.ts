/**
 * Whether pull requests, issues or discussions changed since the last pass, asked for up to
 * PROBE_BATCH repositories in one GraphQL query (aliases), so an unchanged hourly pass over 200
 * repositories costs a few points and one 304 per repository. Where stars come from the stargazer
 * list (no star-history endpoint), the same query tells whether stars changed too.
 */
import { findNewestStar } from '../../db/queries/github.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import type { GithubContext, RepoRef } from './context.js';
import { graphqlErrors, type GraphqlErrorItem } from './errors.js';
import { readCursor } from './paged.js';
import { PROBE_BATCH, PROBE_QUERY, PROBE_WITH_STARS_QUERY, probeBatchQuery } from './queries.js';
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

interface ProbedRepository {
  defaultBranchRef: { target: { oid: string } | null } | null;
  pullRequests: { nodes: { updatedAt: string }[] };
  issues: { nodes: { updatedAt: string }[] };
  hasDiscussionsEnabled: boolean;
  discussions: { nodes: { updatedAt: string }[] };
}

interface ProbedStars {
  stargazerCount: number;
  stargazers: { edges: { starredAt: string }[] };
}

/** What GitHub said of one repository: its fields, its stars (or that they were refused). */
interface ProbeData {
  repository: ProbedRepository;
  stars: ProbedStars | 'refused' | null;
}

export interface ProbeTarget {
  repo: RepoRef;
  /** Stars come from the stargazer list: probe them too. */
  starList: boolean;
}

/**
 * Probes every target, PROBE_BATCH repositories a query. A repository the batch could not answer
 * for (not found, an error on its alias) is probed alone, so its own error reaches its own line
 * of the outcome; the map holds that error in place of a result.
 */
export async function probeRepos(
  ctx: GithubContext,
  targets: readonly ProbeTarget[],
): Promise<Map<string, ProbeResult | Error>> {
  const results = new Map<string, ProbeResult | Error>();
  for (let i = 0; i < targets.length; i += PROBE_BATCH) {
    const chunk = targets.slice(i, i + PROBE_BATCH);
    const answered = await probeBatch(ctx, chunk);
    for (const [index, target] of chunk.entries()) {
      try {
        const data = answered[index] ?? (await probeOne(ctx, target));
        results.set(target.repo.id, await interpret(ctx, target, data));
      } catch (error) {
        if (!(error instanceof Error) || isPassWide(error)) throw error;
        results.set(target.repo.id, error);
      }
    }
  }
  return results;
}

/** One repository's probe, alone (what `probeRepos` does for a batch of one). */
export async function probeChanges(
  ctx: GithubContext,
  repo: RepoRef,
  options: { starList: boolean } = { starList: false },
): Promise<ProbeResult> {
  const target = { repo, starList: options.starList };
  return interpret(ctx, target, await probeOne(ctx, target));
}

const isPassWide = (error: Error) =>
  error.name === 'AbortError' || error.name === 'BudgetReserveError';

/** The batch's answers by position; undefined where a repository must be asked alone. */
async function probeBatch(
  ctx: GithubContext,
  chunk: readonly ProbeTarget[],
): Promise<(ProbeData | undefined)[]> {
  const variables: Record<string, string> = {};
  for (const [i, { repo }] of chunk.entries()) {
    variables[`owner${i}`] = repo.owner;
    variables[`name${i}`] = repo.name;
  }
  let data: Record<string, unknown>;
  let errors: GraphqlErrorItem[] = [];
  try {
    data = await ctx.client.graphql(probeBatchQuery(chunk.map((t) => t.starList)), variables);
  } catch (error) {
    const partial = graphqlErrors(error);
    // A whole-request refusal (HTTP 403 for a stargazer list) or no data at all: ask each alone.
    if (!partial?.data) {
      if (isRefusal(error)) return chunk.map(() => undefined);
      throw error;
    }
    data = partial.data as Record<string, unknown>;
    errors = partial.errors;
  }
  const failed = (alias: string) => errors.some((e) => e.path?.[0] === alias);
  return chunk.map((target, i) => {
    const repository = data[`r${i}`] as ProbedRepository | null;
    if (!repository || failed(`r${i}`)) return undefined;
    if (!target.starList) return { repository, stars: null };
    const starErrors = errors.filter((e) => e.path?.[0] === `s${i}`);
    if (starErrors.length > 0)
      return isRefusal({ errors: starErrors }) ? { repository, stars: 'refused' } : undefined;
    return { repository, stars: data[`s${i}`] as ProbedStars | null };
  });
}

/** One repository alone: the probe with its stars, or without them when they are refused. */
async function probeOne(ctx: GithubContext, target: ProbeTarget): Promise<ProbeData> {
  const variables = { owner: target.repo.owner, name: target.repo.name };
  type Answer = { repository: ProbedRepository | null; stars?: ProbedStars | null };
  if (!target.starList) {
    const data = await ctx.client.graphql<Answer>(PROBE_QUERY, variables);
    return { repository: data.repository!, stars: null };
  }
  try {
    const data = await ctx.client.graphql<Answer>(PROBE_WITH_STARS_QUERY, variables);
    return { repository: data.repository!, stars: data.stars ?? null };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const partial = graphqlErrors(error);
    // FORBIDDEN on the field nulls only the `stars` root field; a whole-request 403 leaves
    // nothing, so the probe asks again without the stars.
    const onlyStars = partial?.errors.every((e) => e.path?.[0] === 'stars');
    const kept = (partial?.data as Answer | null)?.repository;
    if (partial && onlyStars && kept) return { repository: kept, stars: 'refused' };
    const data = await ctx.client.graphql<Answer>(PROBE_QUERY, variables);
    return { repository: data.repository!, stars: 'refused' };
  }
}

async function interpret(
  ctx: GithubContext,
  target: ProbeTarget,
  data: ProbeData,
): Promise<ProbeResult> {
  const { repo } = target;
  const changed = async (resource: string, newest: string | undefined) => {
    const cursor = await readCursor(ctx.db, resource, repo.id);
    if (cursor.after !== null || cursor.since === null) return true; // unfinished or never run
    return newest !== undefined && newest > cursor.since;
  };
  const r = data.repository;
  return {
    pullRequests: await changed('pull_requests', r.pullRequests.nodes[0]?.updatedAt),
    issues: await changed('issues', r.issues.nodes[0]?.updatedAt),
    discussions:
      r.hasDiscussionsEnabled && (await changed('discussions', r.discussions.nodes[0]?.updatedAt)),
    head: r.defaultBranchRef?.target?.oid ?? null,
    stars: !target.starList
      ? false
      : data.stars === 'refused'
        ? 'refused'
        : await starsChanged(ctx, repo, data.stars),
  };
}

async function starsChanged(
  ctx: GithubContext,
  repo: RepoRef,
  stars: ProbedStars | null,
): Promise<boolean | 'refused'> {
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
