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
import { forksNewestFirst } from './forks.js';
import { pageLinks } from './paging.js';
import { createHash } from 'node:crypto';
import type { FaultInjector } from '../faults.js';
import { executeGraphql, type GraphqlBudget } from './graphql.js';
import { listedCommit, privateUser, rateLimitOverview } from './rest-shapes.js';
import {
  commitJson,
  forkJson,
  reachable,
  repoJson,
  restRoute,
  type RestRoute,
} from './rest-items.js';
import { listReleases, type ReleasesMode } from './releases.js';
import { answerStarHistory, refusesWholeRequest, type StarHistoryMode } from './star-history.js';
import { answerReferrers, answerTraffic, NO_PUSH_ACCESS } from './traffic.js';
import { fullName, type World } from './world.js';

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

export function createGithubStandIn(world: World): GithubStandIn {
  const core = { limit: 5000, remaining: 5000, reset: Math.floor(Date.now() / 1000) + HOUR_S };
  const graphqlBudget: GraphqlBudget = {
    limit: 5000,
    remaining: 5000,
    resetAt: new Date((Math.floor(Date.now() / 1000) + HOUR_S) * 1000).toISOString(),
  };
  const noStats = (): StandInStats => ({
    rest: 0,
    notModified: 0,
    graphql: 0,
    points: 0,
    routes: {},
    operations: {},
  });
  const stats = noStats();

  // The budget of the request being answered: the personal tokens' or an installation's.
  let current = { core, graphql: graphqlBudget };
  const rateHeaders = (resource: 'core' | 'graphql') => {
    const r =
      resource === 'core'
        ? current.core
        : {
            limit: current.graphql.limit,
            remaining: current.graphql.remaining,
            reset: current.core.reset,
          };
    return {
      'x-ratelimit-limit': String(r.limit),
      'x-ratelimit-remaining': String(r.remaining),
      'x-ratelimit-reset': String(r.reset),
      'x-ratelimit-used': String(r.limit - r.remaining),
      'x-ratelimit-resource': resource,
    };
  };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(status === 304 ? null : JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...rateHeaders('core'),
        ...headers,
      },
    });
  const findRepo = (owner: string, name: string) =>
    world.repos.find((r) => fullName(r).toLowerCase() === `${owner}/${name}`.toLowerCase());

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

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    // GitHub Enterprise Server serves the same API under /api/v3 and /api/graphql.
    const path = url.pathname
      .replace(/^\/api\/v3(?=\/)/, '')
      .replace(/^\/api\/graphql$/, '/graphql');
    for (const intercept of standIn.interceptors) {
      const response = await intercept(request, url);
      if (response) return response;
    }
    const tokenRoute = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (tokenRoute && request.method === 'POST') {
      const issued = standIn.apps.issue(
        Number(tokenRoute[1]),
        request.headers.get('authorization'),
      );
      return json(issued.status, issued.body);
    }
    const who = standIn.apps.authorize(request.headers.get('authorization'));
    if (typeof who === 'object')
      return json(401, { ...who, documentation_url: 'https://docs.github.com/rest' });
    const budgets =
      who === 'user' ? { core, graphql: graphqlBudget } : standIn.apps.budgets.get(who)!;
    current = budgets;
    if (path === '/graphql' && request.method === 'POST') {
      stats.graphql++;
      const body = (await request.json().catch(() => ({}))) as {
        query?: unknown;
        variables?: unknown;
      };
      current = budgets; // another request may have been answered while the body arrived
      const operation = /query\s+(\w+)/.exec(String(body.query ?? ''))?.[1] ?? 'anonymous';
      stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
      if (refusesWholeRequest(world, body)) {
        const refusal = { message: 'Must have push access to view stargazers of this repository.' };
        return new Response(JSON.stringify(refusal), {
          status: 403,
          headers: { 'content-type': 'application/json; charset=utf-8', ...rateHeaders('graphql') },
        });
      }
      const result = executeGraphql(world, current.graphql, body);
      stats.points += result.cost;
      return new Response(JSON.stringify(result.body), {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', ...rateHeaders('graphql') },
      });
    }
    const route = restRoute(request.method, path);
    stats.rest++;
    stats.routes[route.name] = (stats.routes[route.name] ?? 0) + 1;
    const response = answerRest(route, url, request);
    if (response.status === 304) stats.notModified++;
    else current.core.remaining = Math.max(0, current.core.remaining - 1);
    return response;
  }

  function answerRest(route: RestRoute, url: URL, request: Request): Response {
    const p = route.params;
    switch (route.name) {
      case 'GET /repos/:owner/:repo': {
        const repo = findRepo(p.owner!, p.repo!);
        if (!repo) {
          const moved = world.repos.find((r) =>
            r.formerNames.some((n) => n.toLowerCase() === `${p.owner}/${p.repo}`.toLowerCase()),
          );
          if (moved) {
            const location = `${url.origin}${url.pathname.startsWith('/api/v3') ? '/api/v3' : ''}/repositories/${moved.id}`;
            return json(301, { message: 'Moved Permanently', url: location }, { location });
          }
          return json(404, {
            message: 'Not Found',
            documentation_url: 'https://docs.github.com/rest',
          });
        }
        return conditional(request, repoJson(repo, url.origin));
      }
      case 'GET /repositories/:id': {
        const repo = world.repos.find((r) => String(r.id) === p.id);
        return repo
          ? conditional(request, repoJson(repo, url.origin))
          : json(404, { message: 'Not Found' });
      }
      case 'GET /repos/:owner/:repo/commits': {
        const repo = findRepo(p.owner!, p.repo!);
        if (!repo) return json(404, { message: 'Not Found' });
        const listed = reachable(repo, url.searchParams.get('sha') ?? repo.defaultBranch);
        if (!listed) {
          return json(404, {
            message: `No commit found for SHA: ${url.searchParams.get('sha')}`,
            documentation_url: 'https://docs.github.com/rest/commits/commits#list-commits',
          });
        }
        const since = url.searchParams.get('since');
        const until = url.searchParams.get('until');
        const commits = listed.filter(
          (c) => (!since || c.committedAt >= since) && (!until || c.committedAt <= until),
        );
        return paginated(
          request,
          url,
          commits.map((c) => listedCommit(url.origin, fullName(repo), commitJson(c))),
        );
      }
      case 'GET /repos/:owner/:repo/stargazers/history': {
        const repo = findRepo(p.owner!, p.repo!);
        if (!repo) return json(404, { message: 'Not Found' });
        const history = answerStarHistory(repo, world.now, standIn.starHistory, url);
        if (history.status !== 200) return json(history.status, history.body);
        return conditional(request, history.body, history.link ? { link: history.link } : {});
      }
      case 'GET /repos/:owner/:repo/traffic/:kind':
      case 'GET /repos/:owner/:repo/traffic/popular/referrers': {
        const repo = findRepo(p.owner!, p.repo!);
        if (!repo) return json(404, { message: 'Not Found' });
        if (standIn.noPushAccess.has(fullName(repo).toLowerCase()))
          return json(403, NO_PUSH_ACCESS);
        if (!p.kind) return conditional(request, answerReferrers(repo, world.now));
        const traffic = answerTraffic(
          repo,
          p.kind as 'views',
          world.now,
          url.searchParams.get('per'),
        );
        return traffic.status === 200
          ? conditional(request, traffic.body)
          : json(traffic.status, traffic.body);
      }
      case 'GET /repos/:owner/:repo/releases': {
        const repo = findRepo(p.owner!, p.repo!);
        if (!repo) return json(404, { message: 'Not Found' });
        const push = !standIn.noPushAccess.has(fullName(repo).toLowerCase());
        return paginated(
          request,
          url,
          listReleases(repo, world.now, url.origin, standIn.releases, push),
        );
      }
      case 'GET /repos/:owner/:repo/forks': {
        const repo = findRepo(p.owner!, p.repo!);
        if (!repo) return json(404, { message: 'Not Found' });
        const sort = url.searchParams.get('sort') ?? 'newest';
        if (!['newest', 'oldest', 'stargazers', 'watchers'].includes(sort))
          return json(400, {
            message: 'Bad Request',
            documentation_url: 'https://docs.github.com/rest/repos/forks#list-forks',
          });
        // The generated forks have no stars or watchers: those orders are the newest first too.
        const forks = forksNewestFirst(repo);
        if (sort === 'oldest') forks.reverse();
        return paginated(
          request,
          url,
          forks.map((f) => forkJson(repo, f, url.origin)),
        );
      }
      case 'GET /orgs/:org/repos': {
        const repos = world.repos.filter((r) => r.owner.toLowerCase() === p.org!.toLowerCase());
        if (repos.length === 0) return json(404, { message: 'Not Found' });
        return paginated(
          request,
          url,
          repos.map((r) => repoJson(r, url.origin)),
        );
      }
      case 'GET /rate_limit': {
        const graphql = {
          limit: graphqlBudget.limit,
          remaining: graphqlBudget.remaining,
          reset: core.reset,
          used: graphqlBudget.limit - graphqlBudget.remaining,
        };
        const c = { ...core, used: core.limit - core.remaining };
        return json(200, rateLimitOverview(c, graphql));
      }
      case 'GET /user':
        return json(
          200,
          privateUser(url.origin, { login: 'demo-maintainer', id: 1, type: 'User' }, world.now),
          { 'x-oauth-scopes': 'public_repo, read:org' },
        );
      default:
        return json(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
        });
    }
  }

  function paginated(request: Request, url: URL, items: unknown[]): Response {
    const perPage = Math.min(
      Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1),
      100,
    );
    const pageNumber = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = pageLinks(url, pageNumber, last, perPage);
    return conditional(
      request,
      items.slice((pageNumber - 1) * perPage, pageNumber * perPage),
      link ? { link } : {},
    );
  }

  function conditional(
    request: Request,
    body: unknown,
    extra: Record<string, string> = {},
  ): Response {
    const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}"`;
    const headers = { ...extra, etag, 'cache-control': 'private, max-age=60, s-maxage=60' };
    if (request.headers.get('if-none-match') === etag) return json(304, null, headers);
    return json(200, body, headers);
  }

  return standIn;
}
