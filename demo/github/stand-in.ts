/**
 * A stand-in for the GitHub REST and GraphQL endpoints the collectors use, over a generated world.
 * `handle(request)` takes a fetch Request and returns a Response, so the same code serves msw
 * handlers in tests and a loopback HTTP server for the demo and benchmarks.
 * Real behaviours: ETags and 304s, Link pagination, 301 for renamed repos, rate-limit headers,
 * GraphQL costs, the star-history endpoint with its paging limits (or a GHES 404), stargazer lists
 * refused the three ways GitHub does (`star-history.ts`), traffic (`traffic.ts`: the last 14 days of
 * a longer truth, 403 without push access) and releases with growing download counts (`releases.ts`).
 */
import { forksNewestFirst, type ForkData } from './forks.js';
import { pageLinks } from './paging.js';
import { createHash } from 'node:crypto';
import type { FaultInjector } from '../faults.js';
import { executeGraphql, type GraphqlBudget } from './graphql.js';
import { WEB_FLOW } from './history.js';
import { fullRepository, listedCommit, privateUser, rateLimitOverview } from './rest-shapes.js';
import { listReleases, type ReleasesMode } from './releases.js';
import { answerStarHistory, refusesWholeRequest, type StarHistoryMode } from './star-history.js';
import { answerReferrers, answerTraffic, NO_PUSH_ACCESS } from './traffic.js';
import { fullName, type Actor, type CommitData, type RepoData, type World } from './world.js';

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

  const rateHeaders = (resource: 'core' | 'graphql') => {
    const r =
      resource === 'core'
        ? core
        : { limit: graphqlBudget.limit, remaining: graphqlBudget.remaining, reset: core.reset };
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
    if (path === '/graphql' && request.method === 'POST') {
      stats.graphql++;
      const body = (await request.json().catch(() => ({}))) as {
        query?: unknown;
        variables?: unknown;
      };
      const operation = /query\s+(\w+)/.exec(String(body.query ?? ''))?.[1] ?? 'anonymous';
      stats.operations[operation] = (stats.operations[operation] ?? 0) + 1;
      if (refusesWholeRequest(world, body)) {
        const refusal = { message: 'Must have push access to view stargazers of this repository.' };
        return new Response(JSON.stringify(refusal), {
          status: 403,
          headers: { 'content-type': 'application/json; charset=utf-8', ...rateHeaders('graphql') },
        });
      }
      const result = executeGraphql(world, graphqlBudget, body);
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
    else core.remaining = Math.max(0, core.remaining - 1);
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

interface RestRoute {
  name: string;
  params: Record<string, string>;
}

const ROUTES: [string, RegExp][] = [
  ['GET /repos/:owner/:repo', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)$/],
  ['GET /repositories/:id', /^\/repositories\/(?<id>\d+)$/],
  ['GET /repos/:owner/:repo/commits', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/commits$/],
  [
    'GET /repos/:owner/:repo/stargazers/history',
    /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/stargazers\/history$/,
  ],
  [
    'GET /repos/:owner/:repo/traffic/:kind',
    /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/traffic\/(?<kind>views|clones)$/,
  ],
  [
    'GET /repos/:owner/:repo/traffic/popular/referrers',
    /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/traffic\/popular\/referrers$/,
  ],
  ['GET /repos/:owner/:repo/releases', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/releases$/],
  ['GET /repos/:owner/:repo/forks', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/forks$/],
  ['GET /orgs/:org/repos', /^\/orgs\/(?<org>[^/]+)\/repos$/],
  ['GET /rate_limit', /^\/rate_limit$/],
  ['GET /user', /^\/user$/],
];

function restRoute(method: string, path: string): RestRoute {
  for (const [name, pattern] of ROUTES) {
    const match = name.startsWith(`${method} `) ? path.match(pattern) : null;
    if (match) return { name, params: { ...match.groups } };
  }
  return { name: `${method} ${path}`, params: {} };
}

function restActor(a: Actor) {
  if (a === null) return null;
  const login = a.type === 'Bot' ? `${a.login}[bot]` : a.login;
  return { login, id: hashId(login), type: a.type };
}

/** What the stand-in decides for a listed commit, with its parents (`listedCommit` adds the rest). */
function commitJson(c: CommitData) {
  const name = (email: string) => email.split('@')[0]!;
  return {
    sha: c.sha,
    commit: {
      author: { name: name(c.email), email: c.email, date: c.date },
      committer: {
        name: c.committer ? name(c.committerEmail) : 'GitHub',
        email: c.committerEmail,
        date: c.committedAt,
      },
      message: c.pr ? `Changes for #${c.pr}` : `Commit ${c.sha.slice(0, 7)}`,
    },
    author: restActor(c.author),
    committer: restActor(c.committer ?? WEB_FLOW_ACTOR),
    parents: c.parents.map((sha) => ({ sha })),
  };
}

const WEB_FLOW_ACTOR: Actor = { login: WEB_FLOW.login, type: 'User' };

/** Commits reachable from a branch name or sha, newest first (GitHub's order); null if unknown. */
const reachableCache = new WeakMap<RepoData, { key: string; list: CommitData[] }>();
function reachable(repo: RepoData, ref: string): CommitData[] | null {
  const head = repo.commits.at(-1);
  if (!head) return ref === repo.defaultBranch ? [] : null;
  const sha =
    ref === repo.defaultBranch
      ? head.sha
      : repo.commits.find((c) => ref.length >= 7 && c.sha.startsWith(ref.toLowerCase()))?.sha;
  if (!sha) return null;
  const key = `${sha}:${repo.commits.length}`;
  const cached = reachableCache.get(repo);
  if (cached?.key === key) return cached.list;
  let list: CommitData[];
  if (sha === head.sha) list = [...repo.commits].reverse();
  else {
    const bySha = new Map(repo.commits.map((c) => [c.sha, c]));
    const seen = new Set<string>([sha]);
    const stack = [sha];
    while (stack.length) {
      for (const parent of bySha.get(stack.pop()!)?.parents ?? []) {
        if (seen.has(parent)) continue;
        seen.add(parent);
        stack.push(parent);
      }
    }
    list = repo.commits.filter((c) => seen.has(c.sha)).reverse();
  }
  reachableCache.set(repo, { key, list });
  return list;
}

function repoJson(repo: RepoData, origin: string) {
  const openIssues =
    repo.issues.filter((i) => i.closedAt === null).length +
    repo.pulls.filter((p) => p.closedAt === null).length;
  return fullRepository(origin, {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString('base64'),
    name: repo.name,
    full_name: fullName(repo),
    owner: { login: repo.owner, id: 9000, type: 'Organization' },
    private: false,
    fork: repo.isFork,
    archived: repo.isArchived,
    disabled: false,
    default_branch: repo.defaultBranch,
    stargazers_count: repo.stars.length,
    watchers_count: repo.stars.length,
    forks_count: repo.forks,
    open_issues_count: openIssues,
    created_at: repo.createdAt,
    pushed_at: repo.commits.at(-1)?.committedAt ?? repo.createdAt,
    url: `${origin}/repos/${fullName(repo)}`,
  });
}

/** A fork as the forks listing shows it: GitHub's "minimal-repository", owned by the forker. */
function forkJson(parent: RepoData, fork: ForkData, origin: string) {
  const full = `${fork.owner.login}/${parent.name}`;
  return fullRepository(origin, {
    id: fork.id,
    name: parent.name,
    full_name: full,
    owner: fork.owner,
    private: false,
    fork: true,
    archived: false,
    default_branch: parent.defaultBranch,
    stargazers_count: 0,
    watchers_count: 0,
    forks_count: 0,
    open_issues_count: 0,
    created_at: fork.createdAt,
    pushed_at: fork.createdAt,
    url: `${origin}/repos/${full}`,
  });
}

function hashId(login: string): number {
  return parseInt(createHash('sha1').update(login).digest('hex').slice(0, 8), 16);
}
