/**
 * The stand-in's REST items and routes: the route table, and GitHub's JSON for a repository, a
 * listed commit (with the commits reachable from a ref) and a fork, from the generated world.
 */
import { createHash } from 'node:crypto';
import type { ForkData } from './forks.js';
import { WEB_FLOW } from './history.js';
import { fullRepository } from './rest-shapes.js';
import { fullName, type Actor, type CommitData, type RepoData } from './world.js';

export interface RestRoute {
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

export function restRoute(method: string, path: string): RestRoute {
  for (const [name, pattern] of ROUTES) {
    const match = name.startsWith(`${method} `) ? path.match(pattern) : null;
    if (match) return { name, params: { ...match.groups } };
  }
  return { name: `${method} ${path}`, params: {} };
}

export function restActor(a: Actor) {
  if (a === null) return null;
  const login = a.type === 'Bot' ? `${a.login}[bot]` : a.login;
  return { login, id: hashId(login), type: a.type };
}

/** What the stand-in decides for a listed commit, with its parents (`listedCommit` adds the rest). */
export function commitJson(c: CommitData) {
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
export function reachable(repo: RepoData, ref: string): CommitData[] | null {
  const head = repo.commits.at(-1);
  if (!head) return ref === repo.defaultBranch ? [] : null;
  const sha = ref === repo.defaultBranch ? head.sha : findSha(repo.commits, head, ref);
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

/** The first commit whose sha starts with `ref` (at least 7 characters), as GitHub resolves a short sha. */
function findSha(commits: CommitData[], head: CommitData, ref: string): string | undefined {
  if (ref.length < 7) return undefined;
  const prefix = ref.toLowerCase();
  // A collector pins its listing to the head's full sha: every page of a backfill asks for it.
  if (prefix === head.sha) return head.sha;
  return commits.find((c) => c.sha.startsWith(prefix))?.sha;
}

export function repoJson(repo: RepoData, origin: string) {
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
export function forkJson(parent: RepoData, fork: ForkData, origin: string) {
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
