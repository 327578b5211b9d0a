/**
 * The stand-in's GraphQL endpoint: a subset of GitHub's schema (same names, types and arguments, so
 * queries valid here are valid there; a unit test checks ours against GitHub's published schema),
 * executed by graphql-js over the generated world, with GitHub's cost formula and cursors.
 */
import {
  buildSchema,
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { checkLimits } from './graphql-limits.js';
import { discussionKey, discussionNode } from './discussions.js';
import { STAND_IN_SDL } from './graphql-sdl.js';

export { STAND_IN_SDL };
import type { Actor, IssueData, PullData, RepoData, TimedAction, World } from './world.js';
import { fullName } from './world.js';

const schema = buildSchema(STAND_IN_SDL);

export interface GraphqlBudget {
  limit: number;
  remaining: number;
  resetAt: string;
}

export interface GraphqlResult {
  body: unknown;
  cost: number;
}

type Page<T> = { items: T[]; hasNextPage: boolean; endCursor: string | null };

/** Keyset pagination like GitHub's: the cursor names the last item's sort key, so it survives inserts. */
function page<T>(
  sorted: T[],
  key: (item: T) => string,
  first: number | undefined,
  after: string | undefined,
): Page<T> {
  const size = Math.min(Math.max(first ?? 30, 1), 100);
  let start = 0;
  if (after) {
    const last = Buffer.from(after, 'base64').toString('utf8');
    // `sorted` is descending by key: continue with the first item that sorts after `last`.
    // Binary search: the first item whose key sorts below `last` (the list is descending).
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (key(sorted[mid]!) < last) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const items = sorted.slice(start, start + size);
  const tail = items.at(-1);
  return {
    items,
    hasNextPage: start + size < sorted.length,
    endCursor: tail === undefined ? null : Buffer.from(key(tail)).toString('base64'),
  };
}

const actor = (a: Actor) => (a === null ? null : { __typename: a.type, login: a.login });

const pullKey = (p: PullData) => `${p.updatedAt}|${String(p.number).padStart(9, '0')}`;
const issueKey = (i: IssueData) => `${i.updatedAt}|${String(i.number).padStart(9, '0')}`;

/** Lists sorted newest first, cached until the list grows (the world only ever appends). */
const sortedCache = new WeakMap<object, { length: number; sorted: unknown[] }>();
function newestFirst<T>(items: T[], key: (item: T) => string): T[] {
  const cached = sortedCache.get(items);
  if (cached && cached.length === items.length) return cached.sorted as T[];
  const sorted = [...items].sort((a, b) => key(b).localeCompare(key(a)));
  sortedCache.set(items, { length: items.length, sorted });
  return sorted;
}

function repositoryResolver(repo: RepoData) {
  return {
    databaseId: repo.id,
    nameWithOwner: fullName(repo),
    stargazerCount: repo.stars.length,
    defaultBranchRef: repo.commits.length
      ? {
          name: repo.defaultBranch,
          target: { __typename: 'Commit', oid: repo.commits.at(-1)!.sha },
        }
      : null,
    stargazers: stargazersOf(repo),
    pullRequests: pullRequestsOf(repo),
    hasDiscussionsEnabled: repo.hasDiscussions,
    // With discussions off, GitHub lists none (it does not refuse the field).
    discussions: (args: { first?: number; after?: string }) => {
      const sorted = newestFirst(repo.hasDiscussions ? repo.discussions : [], discussionKey);
      const result = page(sorted, discussionKey, args.first, args.after);
      return {
        totalCount: sorted.length,
        pageInfo: result,
        nodes: result.items.map((d) => discussionNode(d, actor)),
      };
    },
    issues: issuesOf(repo),
  };
}

/** The stargazers connection, newest first; hidden lists are refused or empty, as the repo says. */
function stargazersOf(repo: RepoData) {
  return (args: { first?: number; after?: string; orderBy?: { direction: string } }) => {
    if (repo.stargazersHidden && repo.stargazersRefusal === 'empty') {
      const none = { hasNextPage: false, endCursor: null };
      return { totalCount: 0, pageInfo: none, edges: [] };
    }
    if (repo.stargazersHidden) {
      throw new GraphQLError('Must have push access to view stargazers of this repository.', {
        extensions: { type: 'FORBIDDEN' },
      });
    }
    const sorted = newestFirst(repo.stars, (s) => s.starredAt);
    const result = page(sorted, (s) => s.starredAt, args.first, args.after);
    return {
      totalCount: repo.stars.length,
      pageInfo: result,
      edges: result.items.map((s) => ({
        cursor: Buffer.from(s.starredAt).toString('base64'),
        starredAt: s.starredAt,
        node: { login: s.login },
      })),
    };
  };
}

/** An item's first comments (30 unless `first` says). */
const commentsField =
  (comments: TimedAction[]) =>
  ({ first }: { first?: number }) => ({
    totalCount: comments.length,
    nodes: comments
      .slice(0, first ?? 30)
      .map((c) => ({ author: actor(c.author), createdAt: c.at })),
  });

/** The pull requests connection, most recently updated first. */
function pullRequestsOf(repo: RepoData) {
  return (args: { first?: number; after?: string }) => {
    const sorted = newestFirst(repo.pulls, pullKey);
    const result = page(sorted, pullKey, args.first, args.after);
    return {
      totalCount: repo.pulls.length,
      pageInfo: result,
      nodes: result.items.map((p) => ({
        ...p,
        state: p.mergedAt ? 'MERGED' : p.closedAt ? 'CLOSED' : 'OPEN',
        mergeCommit: p.mergeCommit ? { oid: p.mergeCommit } : null,
        author: actor(p.author),
        reviews: ({ first }: { first?: number }) => ({
          totalCount: p.reviews.length,
          nodes: p.reviews
            .slice(0, first ?? 30)
            .map((r) => ({ author: actor(r.author), submittedAt: r.at, createdAt: r.at })),
        }),
        comments: commentsField(p.comments),
      })),
    };
  };
}

/** The issues connection, most recently updated first. */
function issuesOf(repo: RepoData) {
  return (args: { first?: number; after?: string }) => {
    const sorted = newestFirst(repo.issues, issueKey);
    const result = page(sorted, issueKey, args.first, args.after);
    return {
      totalCount: repo.issues.length,
      pageInfo: result,
      nodes: result.items.map((i) => ({
        ...i,
        state: i.closedAt ? 'CLOSED' : 'OPEN',
        author: actor(i.author),
        comments: commentsField(i.comments),
        timelineItems: () => ({
          totalCount: i.closedAt ? 1 : 0,
          nodes: i.closedAt
            ? [{ __typename: 'ClosedEvent', actor: actor(i.closedBy), createdAt: i.closedAt }]
            : [],
        }),
      })),
    };
  };
}

/** GitHub's cost: requests needed per connection (product of the parents' `first`), / 100, at least 1. */
export function queryCost(document: DocumentNode, variables: Record<string, unknown>): number {
  const value = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) return variables[node.name.value] as number | undefined;
    return undefined;
  };
  let requests = 0;
  const walk = (set: SelectionSetNode | undefined, multiplier: number) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const first = value(selection.arguments?.find((a) => a.name.value === 'first')?.value);
        if (first !== undefined) {
          requests += multiplier;
          walk(selection.selectionSet, multiplier * first);
        } else {
          walk(selection.selectionSet, multiplier);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, multiplier);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, 1);
  }
  return Math.max(1, Math.round(requests / 100));
}

export function executeGraphql(
  world: World,
  budget: GraphqlBudget,
  request: { query?: unknown; variables?: unknown },
): GraphqlResult {
  if (typeof request.query !== 'string') {
    return {
      body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
      cost: 0,
    };
  }
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return { body: { errors: [{ message: (error as Error).message }] }, cost: 0 };
  }
  const problems = validate(schema, document);
  if (problems.length > 0)
    return { body: { errors: problems.map((p) => ({ message: p.message })) }, cost: 0 };
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  const limits = checkLimits(schema, document, variables);
  if (limits.errors.length > 0) return { body: { errors: limits.errors }, cost: 0 };
  const cost = queryCost(document, variables);
  if (budget.remaining < cost) {
    return {
      body: {
        errors: [{ type: 'RATE_LIMITED', message: 'API rate limit exceeded for user ID 1.' }],
      },
      cost: 0,
    };
  }
  budget.remaining -= cost;
  const root = rootOf(world, budget, cost);
  const result = execute({ schema, document, rootValue: root, variableValues: variables });
  if (result instanceof Promise) throw new Error('the stand-in resolvers are synchronous');
  const body = {
    data: result.data ?? null,
    ...(result.errors
      ? { errors: result.errors.map((e) => ({ ...e.toJSON(), ...(e.extensions ?? {}) })) }
      : {}),
  };
  return { body, cost };
}

/** The query root: one repository by name, and the rate limit after this call. */
function rootOf(world: World, budget: GraphqlBudget, cost: number) {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = world.repos.find(
        (r) => fullName(r).toLowerCase() === `${owner}/${name}`.toLowerCase(),
      );
      if (!repo) {
        throw new GraphQLError(
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
          {
            extensions: { type: 'NOT_FOUND' },
          },
        );
      }
      return repositoryResolver(repo);
    },
    rateLimit: () => ({
      cost,
      limit: budget.limit,
      remaining: budget.remaining,
      resetAt: budget.resetAt,
      used: budget.limit - budget.remaining,
    }),
  };
}
