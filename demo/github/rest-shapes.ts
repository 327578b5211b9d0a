/**
 * GitHub's REST objects in full, as its published OpenAPI description requires them (simple-user,
 * full-repository, commit, private-user, rate-limit-overview). The collectors read a few fields;
 * the rest keeps the stand-in as strict as GitHub, so a collector cannot come to rely on a shape
 * GitHub never sends. `test/integration/collector/github-openapi.test.ts` holds them to the
 * description. URLs point at the stand-in's own origin.
 */
import { createHash } from 'node:crypto';

/** What the stand-in knows of an account; the builders add the rest. */
export interface AccountCore {
  login: string;
  id: number;
  type: string;
}

const nodeId = (kind: string, id: number | string) =>
  Buffer.from(`04:${kind}${id}`).toString('base64');

/** GitHub's "simple-user": what a commit, an owner or a listing says about an account. */
export function simpleUser(origin: string, account: AccountCore) {
  // A bot's login has brackets (`dependabot[bot]`), which GitHub escapes in its URLs.
  const path = encodeURIComponent(account.login);
  const url = `${origin}/users/${path}`;
  return {
    login: account.login,
    id: account.id,
    node_id: nodeId(account.type, account.id),
    avatar_url: `${origin}/avatars/u/${account.id}`,
    gravatar_id: '',
    url,
    html_url: `${origin}/${path}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: account.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

/** GitHub's "private-user": `GET /user` for the token's own account. */
export function privateUser(origin: string, account: AccountCore, createdAt: string) {
  return {
    ...simpleUser(origin, account),
    user_view_type: 'private',
    name: null,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: createdAt,
    updated_at: createdAt,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

/** The fields the stand-in decides for a repository; `fullRepository` adds GitHub's others. */
export interface RepositoryCore {
  id: number;
  name: string;
  full_name: string;
  owner: AccountCore;
  private: boolean;
  fork: boolean;
  archived: boolean;
  default_branch: string;
  stargazers_count: number;
  forks_count: number;
  open_issues_count: number;
  created_at: string;
  pushed_at: string;
}

/**
 * GitHub's "full-repository" (`GET /repos/{owner}/{repo}`), which also satisfies the
 * "minimal-repository" of the organisation listing.
 */
export function fullRepository(origin: string, core: RepositoryCore & Record<string, unknown>) {
  const url = `${origin}/repos/${core.full_name}`;
  const html = `${origin}/${core.full_name}`;
  return {
    ...repositoryUrls(url),
    node_id: nodeId('Repository', core.id),
    html_url: html,
    clone_url: `${html}.git`,
    git_url: `${html.replace(/^https?:/, 'git:')}.git`,
    ssh_url: `git@${new URL(origin).host}:${core.full_name}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    description: null,
    language: null,
    license: null,
    size: 0,
    visibility: core.private ? 'private' : 'public',
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    has_downloads: true,
    is_template: false,
    topics: [],
    forks: core.forks_count,
    open_issues: core.open_issues_count,
    watchers: core.stargazers_count,
    updated_at: core.pushed_at,
    network_count: core.forks_count,
    subscribers_count: 0,
    ...core,
    owner: simpleUser(origin, core.owner),
    url,
  };
}

function repositoryUrls(url: string) {
  const at = (path: string) => `${url}/${path}`;
  return {
    archive_url: at('{archive_format}{/ref}'),
    assignees_url: at('assignees{/user}'),
    blobs_url: at('git/blobs{/sha}'),
    branches_url: at('branches{/branch}'),
    collaborators_url: at('collaborators{/collaborator}'),
    comments_url: at('comments{/number}'),
    commits_url: at('commits{/sha}'),
    compare_url: at('compare/{base}...{head}'),
    contents_url: at('contents/{+path}'),
    contributors_url: at('contributors'),
    deployments_url: at('deployments'),
    downloads_url: at('downloads'),
    events_url: at('events'),
    forks_url: at('forks'),
    git_commits_url: at('git/commits{/sha}'),
    git_refs_url: at('git/refs{/sha}'),
    git_tags_url: at('git/tags{/sha}'),
    hooks_url: at('hooks'),
    issue_comment_url: at('issues/comments{/number}'),
    issue_events_url: at('issues/events{/number}'),
    issues_url: at('issues{/number}'),
    keys_url: at('keys{/key_id}'),
    labels_url: at('labels{/name}'),
    languages_url: at('languages'),
    merges_url: at('merges'),
    milestones_url: at('milestones{/number}'),
    notifications_url: at('notifications{?since,all,participating}'),
    pulls_url: at('pulls{/number}'),
    releases_url: at('releases{/id}'),
    stargazers_url: at('stargazers'),
    statuses_url: at('statuses/{sha}'),
    subscribers_url: at('subscribers'),
    subscription_url: at('subscription'),
    tags_url: at('tags'),
    teams_url: at('teams'),
    trees_url: at('git/trees{/sha}'),
  };
}

/** The fields the stand-in decides for a listed commit; `listedCommit` adds GitHub's others. */
export interface CommitCore {
  sha: string;
  commit: { author: object | null; committer: object | null; message: string };
  author: AccountCore | null;
  committer: AccountCore | null;
  parents: { sha: string }[];
}

/** GitHub's "commit" as `GET /repos/{owner}/{repo}/commits` lists it. */
export function listedCommit(origin: string, repoFullName: string, core: CommitCore) {
  const url = `${origin}/repos/${repoFullName}/commits/${core.sha}`;
  const html = (sha: string) => `${origin}/${repoFullName}/commit/${sha}`;
  const account = (a: AccountCore | null) => (a ? simpleUser(origin, a) : null);
  return {
    ...core,
    url,
    node_id: nodeId('Commit', core.sha),
    html_url: html(core.sha),
    comments_url: `${url}/comments`,
    commit: {
      ...core.commit,
      url: `${origin}/repos/${repoFullName}/git/commits/${core.sha}`,
      comment_count: 0,
      tree: {
        sha: treeSha(core.sha),
        url: `${origin}/repos/${repoFullName}/git/trees/${treeSha(core.sha)}`,
      },
    },
    author: account(core.author),
    committer: account(core.committer),
    parents: core.parents.map((p) => ({
      ...p,
      url: `${origin}/repos/${repoFullName}/commits/${p.sha}`,
      html_url: html(p.sha),
    })),
  };
}

const treeSha = (sha: string) => createHash('sha1').update(`tree:${sha}`).digest('hex');

export interface RateCore {
  limit: number;
  remaining: number;
  reset: number;
  used: number;
}

/** GitHub's "rate-limit-overview": `core` and `graphql` as the stand-in counts, the rest untouched. */
export function rateLimitOverview(core: RateCore, graphql: RateCore) {
  const fresh = (limit: number) => ({ limit, remaining: limit, reset: core.reset, used: 0 });
  return {
    resources: {
      core,
      graphql,
      search: fresh(30),
      code_search: fresh(10),
      integration_manifest: fresh(5000),
      source_import: fresh(100),
      code_scanning_upload: fresh(1000),
      actions_runner_registration: fresh(10000),
      scim: fresh(15000),
      dependency_snapshots: fresh(100),
    },
    rate: core,
  };
}
