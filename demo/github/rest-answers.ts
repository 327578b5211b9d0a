/** The GitHub stand-in's REST routes: each answers one route over the world, as GitHub does. */
import { forksNewestFirst } from './forks.js';
import { listReleases } from './releases.js';
import type { Budgets, Replies } from './replies.js';
import { commitJson, forkJson, reachable, repoJson, type RestRoute } from './rest-items.js';
import { listedCommit, privateUser, rateLimitOverview } from './rest-shapes.js';
import { answerStarHistory } from './star-history.js';
import type { GithubStandIn } from './stand-in.js';
import { answerReferrers, answerTraffic, NO_PUSH_ACCESS } from './traffic.js';
import { fullName, type RepoData } from './world.js';

/** One REST request being answered. */
interface Ask {
  standIn: GithubStandIn;
  reply: Replies;
  /** The personal tokens' budgets (what `GET /rate_limit` reports). */
  personal: Budgets;
  url: URL;
  request: Request;
  p: Record<string, string>;
}

type Answer = (ask: Ask, repo: RepoData) => Response;

const NOT_FOUND = { message: 'Not Found' };

export function answerRest(
  standIn: GithubStandIn,
  reply: Replies,
  personal: Budgets,
  route: RestRoute,
  url: URL,
  request: Request,
): Response {
  const ask: Ask = { standIn, reply, personal, url, request, p: route.params };
  const onRepo = REPO_ROUTES[route.name];
  if (onRepo) {
    const repo = findRepo(ask);
    return repo ? onRepo(ask, repo) : reply.json(404, NOT_FOUND);
  }
  switch (route.name) {
    case 'GET /repos/:owner/:repo':
      return answerRepo(ask);
    case 'GET /repositories/:id': {
      const repo = standIn.world.repos.find((r) => String(r.id) === ask.p.id);
      return repo
        ? reply.conditional(request, repoJson(repo, url.origin))
        : reply.json(404, NOT_FOUND);
    }
    case 'GET /orgs/:org/repos': {
      const org = ask.p.org!.toLowerCase();
      const repos = standIn.world.repos.filter((r) => r.owner.toLowerCase() === org);
      if (repos.length === 0) return reply.json(404, NOT_FOUND);
      return reply.paginated(
        request,
        url,
        repos.map((r) => repoJson(r, url.origin)),
      );
    }
    case 'GET /rate_limit':
      return answerRateLimit(ask);
    case 'GET /user':
      return reply.json(
        200,
        privateUser(
          url.origin,
          { login: 'demo-maintainer', id: 1, type: 'User' },
          standIn.world.now,
        ),
        { 'x-oauth-scopes': 'public_repo, read:org' },
      );
    default:
      return reply.json(404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest',
      });
  }
}

function findRepo({ standIn, p }: Ask): RepoData | undefined {
  return standIn.world.repos.find(
    (r) => fullName(r).toLowerCase() === `${p.owner}/${p.repo}`.toLowerCase(),
  );
}

/** The repository, or a 301 to its new id when it was renamed. */
function answerRepo(ask: Ask): Response {
  const { standIn, reply, url, request, p } = ask;
  const repo = findRepo(ask);
  if (repo) return reply.conditional(request, repoJson(repo, url.origin));
  const moved = standIn.world.repos.find((r) =>
    r.formerNames.some((n) => n.toLowerCase() === `${p.owner}/${p.repo}`.toLowerCase()),
  );
  if (moved) {
    const location = `${url.origin}${url.pathname.startsWith('/api/v3') ? '/api/v3' : ''}/repositories/${moved.id}`;
    return reply.json(301, { message: 'Moved Permanently', url: location }, { location });
  }
  return reply.json(404, {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
  });
}

function answerRateLimit({ reply, personal }: Ask): Response {
  const { core, graphql: budget } = personal;
  const graphql = {
    limit: budget.limit,
    remaining: budget.remaining,
    reset: core.reset,
    used: budget.limit - budget.remaining,
  };
  const c = { ...core, used: core.limit - core.remaining };
  return reply.json(200, rateLimitOverview(c, graphql));
}

const answerCommits: Answer = ({ reply, url, request }, repo) => {
  const listed = reachable(repo, url.searchParams.get('sha') ?? repo.defaultBranch);
  if (!listed) {
    return reply.json(404, {
      message: `No commit found for SHA: ${url.searchParams.get('sha')}`,
      documentation_url: 'https://docs.github.com/rest/commits/commits#list-commits',
    });
  }
  const since = url.searchParams.get('since');
  const until = url.searchParams.get('until');
  const commits =
    since || until
      ? listed.filter(
          (c) => (!since || c.committedAt >= since) && (!until || c.committedAt <= until),
        )
      : listed;
  // Only the page asked for is built: a backfill lists hundreds of pages of tens of thousands.
  return reply.paginated(request, url, {
    total: commits.length,
    build: (start, end) =>
      commits.slice(start, end).map((c) => listedCommit(url.origin, fullName(repo), commitJson(c))),
  });
};

const answerHistory: Answer = ({ standIn, reply, url, request }, repo) => {
  const history = answerStarHistory(repo, standIn.world.now, standIn.starHistory, url);
  if (history.status !== 200) return reply.json(history.status, history.body);
  return reply.conditional(request, history.body, history.link ? { link: history.link } : {});
};

const answerTrafficRoute: Answer = ({ standIn, reply, url, request, p }, repo) => {
  if (standIn.noPushAccess.has(fullName(repo).toLowerCase()))
    return reply.json(403, NO_PUSH_ACCESS);
  if (!p.kind) return reply.conditional(request, answerReferrers(repo, standIn.world.now));
  const traffic = answerTraffic(
    repo,
    p.kind as 'views',
    standIn.world.now,
    url.searchParams.get('per'),
  );
  return traffic.status === 200
    ? reply.conditional(request, traffic.body)
    : reply.json(traffic.status, traffic.body);
};

const answerReleases: Answer = ({ standIn, reply, url, request }, repo) => {
  const push = !standIn.noPushAccess.has(fullName(repo).toLowerCase());
  return reply.paginated(
    request,
    url,
    listReleases(repo, standIn.world.now, url.origin, standIn.releases, push),
  );
};

const answerForks: Answer = ({ reply, url, request }, repo) => {
  const sort = url.searchParams.get('sort') ?? 'newest';
  if (!['newest', 'oldest', 'stargazers', 'watchers'].includes(sort))
    return reply.json(400, {
      message: 'Bad Request',
      documentation_url: 'https://docs.github.com/rest/repos/forks#list-forks',
    });
  // The generated forks have no stars or watchers: those orders are the newest first too.
  const newest = forksNewestFirst(repo);
  const forks = sort === 'oldest' ? [...newest].reverse() : newest;
  // Only the page asked for is answered in full: a 10× backfill lists 400 pages of 40k forks.
  return reply.paginated(request, url, {
    total: forks.length,
    build: (start, end) => forks.slice(start, end).map((f) => forkJson(repo, f, url.origin)),
  });
};

/** Routes on one repository: a repository it does not know is a plain 404. */
const REPO_ROUTES: Record<string, Answer | undefined> = {
  'GET /repos/:owner/:repo/commits': answerCommits,
  'GET /repos/:owner/:repo/stargazers/history': answerHistory,
  'GET /repos/:owner/:repo/traffic/:kind': answerTrafficRoute,
  'GET /repos/:owner/:repo/traffic/popular/referrers': answerTrafficRoute,
  'GET /repos/:owner/:repo/releases': answerReleases,
  'GET /repos/:owner/:repo/forks': answerForks,
};
