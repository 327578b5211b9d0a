/**
 * A stand-in for the GitHub REST and GraphQL endpoints the collectors use, over a generated world.
 * `handle(request)` takes a fetch Request and returns a Response, so the same code serves msw
 * handlers in tests and a loopback HTTP server for the demo and benchmarks.
 * Real behaviours: ETags and 304s, Link pagination, 301 for renamed repos, rate-limit headers,
 * GraphQL costs, the star-history endpoint with its paging limits (or a GHES 404), stargazer lists
 * refused the three ways GitHub does (`star-history.ts`), traffic (`traffic.ts`: the last 14 days of
 * a longer truth, 403 without push access) and releases with growing download counts (`releases.ts`).
 */
import { createAppRegistry, type AppRegistry } from './apps.js';
import type { FaultInjector } from '../faults.js';
import { executeGraphql, type GraphqlBudget } from './graphql.js';
import { Replies, type Budgets } from './replies.js';
import { answerRest } from './rest-answers.js';
import { restRoute } from './rest-items.js';
import type { ReleasesMode } from './releases.js';
import { refusesWholeRequest, type StarHistoryMode } from './star-history.js';
import type { World } from './world.js';

export interface StandInStats {
  /** REST requests answered (any status), and of those 304s. */
  rest: number;
  notModified: number;
  graphql: number;
  points: number;
  /** GraphQL requests per operation name (Stargazers, PullRequests, Issues, Probe…). */
  operations: Record<string, number>;
  /** Requests per route, e.g. `GET /repos/:owner/:repo/commits`. */
  routes: Record<string, number>;
}

/** Lets a test answer a request itself (faults), or return undefined to let the stand-in answer. */
export type Interceptor = (
  request: Request,
  url: URL,
) => Response | undefined | Promise<Response | undefined>;

export interface GithubStandIn {
  world: World;
  stats: StandInStats;
  /** The rate-limit budgets it reports and spends; tests lower them. */
  rate: { core: { limit: number; remaining: number; reset: number }; graphql: GraphqlBudget };
  handle(request: Request): Promise<Response>;
  interceptors: Interceptor[];
  /** A fault-injecting mode: when set, every request goes through it first. */
  faults: FaultInjector | null;
  /** The star-history endpoint: served (or 404, as on older GHES), and where its days begin. */
  starHistory: StarHistoryMode;
  /** Repositories (owner/name, lower case) the token may not push to: traffic is a 403, no drafts. */
  noPushAccess: Set<string>;
  /** Deleted release assets. */
  releases: ReleasesMode;
  /** GitHub Apps, their installation tokens and per-installation budgets (`apps.ts`). */
  apps: AppRegistry;
  resetStats(): void;
}

const HOUR_S = 3600;

const noStats = (): StandInStats => ({
  rest: 0,
  notModified: 0,
  graphql: 0,
  points: 0,
  routes: {},
  operations: {},
});

export function createGithubStandIn(world: World): GithubStandIn {
  const core = { limit: 5000, remaining: 5000, reset: Math.floor(Date.now() / 1000) + HOUR_S };
  const graphqlBudget: GraphqlBudget = {
    limit: 5000,
    remaining: 5000,
    resetAt: new Date((Math.floor(Date.now() / 1000) + HOUR_S) * 1000).toISOString(),
  };
  const stats = noStats();
  const personal: Budgets = { core, graphql: graphqlBudget };
  const reply = new Replies({ core, graphql: graphqlBudget });
  const standIn: GithubStandIn = {
    world,
    stats,
    rate: { core, graphql: graphqlBudget },
    interceptors: [],
    faults: null,
    starHistory: { served: true, edgeOffsetHours: 0 },
    noPushAccess: new Set(),
    releases: { deletedAssets: new Set() },
    apps: createAppRegistry(),
    resetStats() {
      Object.assign(stats, noStats());
    },
    handle(request) {
      return standIn.faults ? standIn.faults.handle(request, answer) : answer(request);
    },
  };
  const answer = (request: Request) => answerRequest(standIn, reply, personal, request);
  return standIn;
}

async function answerRequest(
  standIn: GithubStandIn,
  reply: Replies,
  personal: Budgets,
  request: Request,
): Promise<Response> {
  const { stats } = standIn;
  const url = new URL(request.url);
  // GitHub Enterprise Server serves the same API under /api/v3 and /api/graphql.
  const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
  for (const intercept of standIn.interceptors) {
    const response = await intercept(request, url);
    if (response) return response;
  }
  const tokenRoute = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
  if (tokenRoute && request.method === 'POST') {
    const issued = standIn.apps.issue(Number(tokenRoute[1]), request.headers.get('authorization'));
    return reply.json(issued.status, issued.body);
  }
  const who = standIn.apps.authorize(request.headers.get('authorization'));
  if (typeof who === 'object')
    return reply.json(401, { ...who, documentation_url: 'https://docs.github.com/rest' });
  const budgets = who === 'user' ? personal : standIn.apps.budgets.get(who)!;
  reply.current = budgets;
  if (path === '/graphql' && request.method === 'POST')
    return answerGraphql(standIn, reply, budgets, request);
  const route = restRoute(request.method, path);
  stats.rest++;
  stats.routes[route.name] = (stats.routes[route.name] ?? 0) + 1;
  const response = answerRest(standIn, reply, personal, route, url, request);
  if (response.status === 304) stats.notModified++;
  else reply.current.core.remaining = Math.max(0, reply.current.core.remaining - 1);
  return response;
}

async function answerGraphql(
  standIn: GithubStandIn,
  reply: Replies,
  budgets: Budgets,
  request: Request,
): Promise<Response> {
  const { stats, world } = standIn;
  stats.graphql++;
  const body = (await request.json().catch(() => ({}))) as {
    query?: unknown;
    variables?: unknown;
  };
  reply.current = budgets; // another request may have been answered while the body arrived
  const operation = /query\s+(\w+)/.exec(String(body.query ?? ''))?.[1] ?? 'anonymous';
  stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
  if (refusesWholeRequest(world, body)) {
    const refusal = { message: 'Must have push access to view stargazers of this repository.' };
    return new Response(JSON.stringify(refusal), {
      status: 403,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...reply.rateHeaders('graphql'),
      },
    });
  }
  const result = executeGraphql(world, reply.current.graphql, body);
  stats.points += result.cost;
  return new Response(JSON.stringify(result.body), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...reply.rateHeaders('graphql') },
  });
}
