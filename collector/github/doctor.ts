/** What `pulseboard doctor` asks GitHub: is the token good, what may it do, can it see each repo. */
import type { GithubClient } from './client.js';
import { checkDiscussions } from './discussions.js';
import { httpStatus } from './errors.js';
import { isRefusal } from './stars.js';
import { STARS_PROBE_QUERY } from './queries.js';
import { trafficRefused } from './traffic.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface Check {
  status: CheckStatus;
  what: string;
  /** The finding, and for warn/fail what to do. */
  detail: string;
}

export async function checkGithub(
  client: GithubClient,
  repos: readonly string[],
): Promise<Check[]> {
  const checks: Check[] = [];
  const identity = await checkIdentity(client);
  checks.push(identity);
  if (identity.status === 'fail') return checks;
  const { data: limits } = await client.octokit.rest.rateLimit.get();
  const core = limits.resources.core;
  const graphql = limits.resources.graphql;
  checks.push({
    status: core.remaining < core.limit * 0.1 ? 'warn' : 'ok',
    what: 'GitHub rate limit',
    detail: `REST ${core.remaining}/${core.limit}, GraphQL ${graphql?.remaining ?? '?'}/${graphql?.limit ?? '?'} left this hour`,
  });
  for (const fullName of repos) {
    const [owner, name] = fullName.split('/') as [string, string];
    try {
      const { data } = await client.octokit.rest.repos.get({ owner, repo: name });
      checks.push({
        status: 'ok',
        what: `repo ${fullName}`,
        detail: `readable (${data.stargazers_count} stars)`,
      });
    } catch (error) {
      checks.push({
        status: 'fail',
        what: `repo ${fullName}`,
        detail:
          httpStatus(error) === 404
            ? 'not found, or the token cannot see it; check the name in github.repos and the token’s repository access'
            : (error as Error).message,
      });
      continue;
    }
    checks.push(await checkStarHistory(client, owner, name));
    checks.push(await checkDiscussions(client, owner, name));
    checks.push(await checkTraffic(client, owner, name));
  }
  return checks;
}

/** Which credentials, and does GitHub take them? */
async function checkIdentity(client: GithubClient): Promise<Check> {
  const what = 'GitHub auth';
  try {
    if (client.auth.app) {
      // An installation token is not a user: ask for one, which proves the key and the ids.
      const token = (await client.octokit.auth({ type: 'installation' })) as { expiresAt?: string };
      return {
        status: 'ok',
        what,
        detail: `${client.auth.description}; a token was issued, valid until ${token.expiresAt ?? 'an hour from now'}`,
      };
    }
    const user = await client.octokit.rest.users.getAuthenticated();
    const scopes = user.headers['x-oauth-scopes'];
    return {
      status: 'ok',
      what,
      detail: `${client.auth.description}, valid, for ${user.data.login}${scopes ? ` (scopes: ${scopes})` : ' (fine-grained)'}`,
    };
  } catch (error) {
    const status = httpStatus(error);
    const fix = client.auth.app
      ? `GitHub rejected the GitHub App's credentials (${status}); check GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and the private key in .env`
      : 'GitHub rejected GITHUB_TOKEN (401); create a new token with read access to the repositories and put it in .env';
    return {
      status: 'fail',
      what,
      detail:
        status === 401 || status === 404
          ? fix
          : `cannot reach GitHub (${(error as Error).message}); check GITHUB_API_URL and the network`,
    };
  }
}

/** Where this repository's star history will come from, and why not from somewhere better. */
async function checkStarHistory(client: GithubClient, owner: string, name: string): Promise<Check> {
  const what = `star history ${owner}/${name}`;
  try {
    await client.octokit.request('GET /repos/{owner}/{repo}/stargazers/history', {
      owner,
      repo: name,
      per_page: 1,
    });
    return { status: 'ok', what, detail: "from GitHub's star-history endpoint" };
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  const noEndpoint = 'this server has no star-history endpoint (older GitHub Enterprise Server)';
  let refused: boolean;
  try {
    const data = await client.graphql<StarsProbe>(STARS_PROBE_QUERY, { owner, name });
    const list = data.repository;
    refused = list.stargazers.edges.length === 0 && list.stargazerCount > 0;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    refused = true;
  }
  return refused
    ? {
        status: 'warn',
        what,
        detail: `snapshots only: ${noEndpoint}, and GitHub shows the stargazer list only to admins and collaborators (use a collaborator’s token for full history)`,
      }
    : { status: 'ok', what, detail: `from the stargazer list: ${noEndpoint}` };
}

/** Traffic needs push access; without it the archive of views and clones stays empty. */
async function checkTraffic(client: GithubClient, owner: string, name: string): Promise<Check> {
  const what = `traffic ${owner}/${name}`;
  try {
    await client.octokit.request('GET /repos/{owner}/{repo}/traffic/views', {
      owner,
      repo: name,
      per: 'day',
    });
    return { status: 'ok', what, detail: 'views, clones and referrers archived daily' };
  } catch (error) {
    if (!isRefusal(error)) throw error;
    return {
      status: 'warn',
      what,
      detail: trafficRefused(`${owner}/${name}`),
    };
  }
}

interface StarsProbe {
  repository: { stargazerCount: number; stargazers: { edges: unknown[] } };
}
