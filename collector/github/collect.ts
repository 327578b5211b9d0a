/**
 * One GitHub pass over every tracked repository: the snapshot (a 304 when unchanged) and the star
 * history (its newest page once a day) of each, then one batched probe (a few points for up to 100
 * repositories), then for each repository only the resources that changed,
 * then traffic and releases (conditional: 304s when unchanged). One repository's failure does not stop the others;
 * running out of budget or being aborted stops the pass, which resumes where it stopped.
 */
import { refreshContributors } from '../../db/queries/github.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import type { RunBlocker } from '../../db/schema.js';
import { BudgetReserveError } from './client.js';
import { collectCommits } from './commits.js';
import { collectDiscussions } from './discussions.js';
import type { GithubContext, RepoRef } from './context.js';
import { describeRequestFailure, exhaustedRateLimit, httpStatus } from './errors.js';
import { collectForks } from './forks.js';
import { collectIssues } from './issues.js';
import { probeRepos, type ProbeResult, type ProbeTarget } from './probe.js';
import { collectPullRequests } from './pull-requests.js';
import { collectReleases } from './releases.js';
import { collectRepoSnapshot } from './repo-snapshot.js';
import { resolveRepos, type RepoSelection } from './repos.js';
import { collectStarHistory } from './star-history.js';
import { collectStars, markStarsRefused, STARS_REFUSED } from './stars.js';
import { collectTraffic } from './traffic.js';

export interface GithubOutcome {
  repos: string[];
  rows: number;
  /** Things the operator should know that are not failures (renames, refused star lists). */
  notes: string[];
  /** The notes that need the user's action (a rename to put in the config, a token's access). */
  blockers: RunBlocker[];
  /** Per-repository failures; the pass went on with the other repositories. */
  errors: string[];
  /** The repositories (as named in the selection, or as GitHub names them) that failed. */
  failed: string[];
}

/** Failures that concern the whole pass, not one repository. */
export class GithubAuthError extends Error {
  override name = 'GithubAuthError';
}
export class GithubRateLimitError extends Error {
  override name = 'GithubRateLimitError';
}

export async function collectGithub(
  ctx: GithubContext,
  selection: RepoSelection,
): Promise<GithubOutcome> {
  const outcome: GithubOutcome = {
    ...{ repos: [], rows: 0, notes: [], blockers: [] },
    ...{ errors: [], failed: [] },
  };
  try {
    const names = await resolveRepos(ctx, selection).catch((error: unknown) => {
      throw passWideError(error, ctx) ?? error;
    });
    const targets: ProbeTarget[] = [];
    await eachAtOnce(ctx, names, (name) =>
      perRepo(ctx, outcome, name, async () => {
        targets.push(await snapshotAndHistory(ctx, name, outcome));
      }),
    );
    const probes = await probeRepos(ctx, targets).catch((error: unknown) => {
      throw passWideError(error, ctx) ?? error;
    });
    await eachAtOnce(ctx, targets, ({ repo }) =>
      perRepo(ctx, outcome, repo.fullName, async () => {
        const changes = probes.get(repo.id)!;
        if (changes instanceof Error) throw changes;
        outcome.rows += await collectChanged(ctx, repo, changes, outcome);
      }),
    );
  } finally {
    // Whatever was stored so far is consistent: derive contributors from it. Not when stopped
    // (Ctrl-C must end the process within 2 s): the next pass derives them.
    if (!ctx.signal?.aborted && ctx.deriveContributors !== false) await refreshContributors(ctx.db);
  }
  return outcome;
}

/** `step` for each item, `ctx.concurrency` at a time (in order when 1); the first pass-wide error stops it. */
async function eachAtOnce<T>(
  ctx: GithubContext,
  items: readonly T[],
  step: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < items.length) {
      try {
        await step(items[next++]!);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(ctx.concurrency ?? 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

/** One repository's step: its failure is its own line of the outcome, unless it stops the pass. */
async function perRepo(
  ctx: GithubContext,
  outcome: GithubOutcome,
  name: string,
  step: () => Promise<void>,
) {
  try {
    await step();
  } catch (error) {
    const fatal = passWideError(error, ctx);
    if (fatal) throw fatal;
    outcome.failed.push(name);
    outcome.errors.push(`${name}: ${describeRequestFailure(error)}; the next pass retries it.`);
  }
}

/** The repository (a 304 when unchanged) and its star history (once a day). */
async function snapshotAndHistory(
  ctx: GithubContext,
  name: string,
  outcome: GithubOutcome,
): Promise<ProbeTarget> {
  const repo = await collectRepoSnapshot(ctx, name);
  outcome.repos.push(repo.fullName);
  outcome.rows += 1;
  if (repo.renamedFrom) {
    outcome.notes.push(
      `${repo.renamedFrom} was renamed to ${repo.fullName}; update github.repos in the config.`,
    );
    outcome.blockers.push({ kind: 'github-renamed', from: repo.renamedFrom, to: repo.fullName });
  }
  const history = await collectStarHistory(ctx, repo);
  if (history !== 'unavailable') outcome.rows += history;
  return { repo, starList: history === 'unavailable' };
}

/** What the probe says changed, then commits, traffic, releases and forks (their own checks). */
async function collectChanged(
  ctx: GithubContext,
  repo: RepoRef,
  changes: ProbeResult,
  outcome: GithubOutcome,
): Promise<number> {
  let rows = 0;
  if (changes.stars === 'refused') {
    const state = await findSyncState(ctx.db, 'stars', repo.id);
    if (state?.status !== 'refused') await markStarsRefused(ctx, repo);
    outcome.notes.push(`${repo.fullName}: ${STARS_REFUSED}`);
  } else if (changes.stars) {
    rows += await collectStars(ctx, repo);
  }
  if (changes.pullRequests) rows += await collectPullRequests(ctx, repo);
  if (changes.issues) rows += await collectIssues(ctx, repo);
  rows += await collectCommits(ctx, repo, changes.head);
  if (changes.discussions) rows += await collectDiscussions(ctx, repo);
  const traffic = await collectTraffic(ctx, repo);
  rows += traffic.rows;
  if (traffic.refused) {
    outcome.notes.push(traffic.refused);
    outcome.blockers.push({ kind: 'github-traffic', repo: repo.fullName });
  }
  rows += await collectReleases(ctx, repo);
  rows += await collectForks(ctx, repo);
  return rows;
}

/** The error that stops the whole pass (budget, rate limit, credentials, abort); null for one repository's. */
export function passWideError(error: unknown, ctx: GithubContext): Error | null {
  if (error instanceof BudgetReserveError || (error as Error)?.name === 'AbortError')
    return error as Error;
  const exhausted = exhaustedRateLimit(error);
  if (exhausted) {
    const until = exhausted.reset
      ? `until ${exhausted.reset.toISOString().slice(11, 16)} UTC`
      : 'for now';
    return new GithubRateLimitError(
      `GitHub's rate limit for this token is used up ${until}; the next pass resumes where this one stopped.`,
    );
  }
  if (httpStatus(error) === 401 && ctx.client.auth.app) {
    return new GithubAuthError(
      "GitHub rejected the GitHub App's credentials (401); check GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and the app's private key in .env.",
    );
  }
  if (httpStatus(error) === 401) {
    return new GithubAuthError(
      'GitHub rejected GITHUB_TOKEN (401 Bad credentials); create a new token with read access to the repositories and put it in .env.',
    );
  }
  return null;
}
