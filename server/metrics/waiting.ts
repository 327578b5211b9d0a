/** Issues and pull requests waiting for a first response: the digest's list, for the dashboard. */
import type { Kysely } from 'kysely';
import { findRepoByName } from '../../db/queries/github.js';
import { countWaitingItems, findWaitingItems } from '../../db/queries/waiting.js';
import type { Database } from '../../db/schema.js';
import { githubItemUrl } from '../../shared/links.js';
import { ApiError } from '../errors.js';
import type { WaitingQuery, WaitingResponse } from '../schemas/waiting.js';

/** GitHub's web address for an API address: github.com, or the Enterprise host without /api/v3. */
export function githubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/$/, '')}`;
}

const WAITING_PAGE = 100;

/**
 * One page of the waiting issues and pull requests as one list, oldest first, with how many there
 * are of each kind: a limit applies to the list, not to each kind, so the page is the oldest items.
 */
export async function listWaiting(
  db: Kysely<Database>,
  webUrl: string,
  query: WaitingQuery,
): Promise<WaitingResponse> {
  const { limit = WAITING_PAGE, offset = 0, kind } = query;
  let repoId: string | undefined;
  if (query.repo !== undefined) {
    const repo = await findRepoByName(db, query.repo);
    if (!repo)
      throw new ApiError(
        400,
        'bad_request',
        `No tracked repository ${query.repo}; GET /api/repos lists them.`,
      );
    repoId = repo.id;
  }
  const [rows, totals] = await Promise.all([
    findWaitingItems(db, { kind, repoId }, { limit, offset }),
    countWaitingItems(db, repoId),
  ]);
  const items = rows.map((r) => ({
    kind: r.kind,
    repo: r.repo,
    number: r.number,
    title: r.title,
    createdAt: r.created_at,
    url: githubItemUrl(webUrl, r.repo, r.kind, r.number),
  }));
  const matching =
    kind === 'issue'
      ? totals.issues
      : kind === 'pull_request'
        ? totals.pullRequests
        : totals.issues + totals.pullRequests;
  return { items, totals, matching, offset, limit };
}
