/** Issues and pull requests waiting for a first response: the digest's list, for the dashboard. */
import type { Kysely } from 'kysely';
import {
  findIssuesAwaitingResponse,
  findPullRequestsAwaitingResponse,
} from '../../db/queries/digest.js';
import type { Database } from '../../db/schema.js';
import type { WaitingItem, WaitingResponse } from '../schemas/waiting.js';

/** GitHub's web address for an API address: github.com, or the Enterprise host without /api/v3. */
export function githubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, '').replace(/\/$/, '')}`;
}

export async function listWaiting(
  db: Kysely<Database>,
  webUrl: string,
  limit: number,
): Promise<WaitingResponse> {
  const [issues, pulls] = await Promise.all([
    findIssuesAwaitingResponse(db, limit),
    findPullRequestsAwaitingResponse(db, limit),
  ]);
  const item =
    (kind: WaitingItem['kind']) =>
    (r: { repo: string; number: number; title: string; created_at: string }): WaitingItem => ({
      kind,
      repo: r.repo,
      number: r.number,
      title: r.title,
      createdAt: r.created_at,
      url: `${webUrl}/${r.repo}/${kind === 'issue' ? 'issues' : 'pull'}/${r.number}`,
    });
  const items = [...issues.rows.map(item('issue')), ...pulls.rows.map(item('pull_request'))].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.url.localeCompare(b.url),
  );
  return { items, totals: { issues: issues.total, pullRequests: pulls.total } };
}
