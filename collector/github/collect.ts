/**
 * One GitHub pass over every tracked repository: the snapshot (a 304 when unchanged), the star
 * history (its newest page once a day), a one-point probe, then only the resources that changed,
 * then traffic and releases (conditional: 304s when unchanged). One repository's failure does not stop the others;
 * running out of budget or being aborted stops the pass, which resumes where it stopped.
 */
import { refreshContributors } from '../../db/queries/github.js';
import { findSyncState } from '../../db/queries/sync-state.js';
import { BudgetReserveError } from './client.js';
import { collectCommits } from './commits.js';
import { collectDiscussions } from './discussions.js';
import type { GithubContext } from './context.js';
import { describeRequestFailure, exhaustedRateLimit, httpStatus } from './errors.js';
import { collectForks } from './forks.js';
import { collectIssues } from './issues.js';
import { probeChanges } from './probe.js';
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
  /** Per-repository failures; the pass went on with the other repositories. */
  errors: string[];
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
  const outcome: GithubOutcome = { repos: [], rows: 0, notes: [], errors: [] };
  try {
    const names = await resolveRepos(ctx, selection).catch((error: unknown) => {
      throw passWideError(error) ?? error;
    });
    for (const name of names) {
      try {
        const repo = await collectRepoSnapshot(ctx, name);
        outcome.repos.push(repo.fullName);
        outcome.rows += 1;
        if (repo.renamedFrom) {
          outcome.notes.push(
            `${repo.renamedFrom} was renamed to ${repo.fullName}; update github.repos in the config.`,
          );
        }
        const history = await collectStarHistory(ctx, repo);
        const starList = history === 'unavailable';
        if (!starList) outcome.rows += history;
        const changes = await probeChanges(ctx, repo, { starList });
        if (changes.stars === 'refused') {
          const state = await findSyncState(ctx.db, 'stars', repo.id);
          if (state?.status !== 'refused') await markStarsRefused(ctx, repo);
          outcome.notes.push(`${repo.fullName}: ${STARS_REFUSED}`);
        } else if (changes.stars) {
          outcome.rows += await collectStars(ctx, repo);
        }
        if (changes.pullRequests) outcome.rows += await collectPullRequests(ctx, repo);
        if (changes.issues) outcome.rows += await collectIssues(ctx, repo);
        outcome.rows += await collectCommits(ctx, repo, changes.head);
        if (changes.discussions) outcome.rows += await collectDiscussions(ctx, repo);
        const traffic = await collectTraffic(ctx, repo);
        outcome.rows += traffic.rows;
        if (traffic.refused) outcome.notes.push(traffic.refused);
        outcome.rows += await collectReleases(ctx, repo);
        outcome.rows += await collectForks(ctx, repo);
      } catch (error) {
        const fatal = passWideError(error);
        if (fatal) throw fatal;
        outcome.errors.push(`${name}: ${describeRequestFailure(error)}; the next pass retries it.`);
      }
    }
  } finally {
    // Whatever was stored so far is consistent: derive contributors from it. Not when stopped
    // (Ctrl-C must end the process within 2 s): the next pass derives them.
    if (!ctx.signal?.aborted) await refreshContributors(ctx.db);
  }
  return outcome;
}

function passWideError(error: unknown): Error | null {
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
  if (httpStatus(error) === 401) {
    return new GithubAuthError(
      'GitHub rejected GITHUB_TOKEN (401 Bad credentials); create a new token with read access to the repositories and put it in .env.',
    );
  }
  return null;
}
