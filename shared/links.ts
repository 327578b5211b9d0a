/**
 * Where things live: the dashboard's pages (the cards' links, and the digest's and alerts' with the
 * dashboard's public address in front) and an issue's or pull request's page on GitHub.
 */

/** A metric's page. */
export const metricPath = (metric: string) => `/metrics/${encodeURIComponent(metric)}`;

/** A key result's metric page, opened on that key result: what its card on the overview links to. */
export const keyResultPath = (kr: { metric: string; id: string }) =>
  `${metricPath(kr.metric)}?kr=${encodeURIComponent(kr.id)}`;

/** The Collection page: runs, their errors, the rate limit. */
export const collectionPath = '/collection';

/**
 * `path` on the dashboard at `dashboardUrl` (its public address, no trailing slash): what the digest
 * and the alerts link to; null when either is missing.
 */
export function dashboardLink(dashboardUrl: string | null, path: string | null): string | null {
  return dashboardUrl !== null && path !== null ? `${dashboardUrl}${path}` : null;
}

export type ItemKind = 'issue' | 'pull_request';

/** The Waiting page, showing one kind. */
export const waitingPath = (kind: ItemKind) => `/waiting?kind=${kind}`;

/** `https://github.com/acme/rocket/pull/7`; `webUrl` is GitHub's (or an Enterprise host's) web address. */
export const githubItemUrl = (webUrl: string, repo: string, kind: ItemKind, number: number) =>
  `${webUrl}/${repo}/${kind === 'issue' ? 'issues' : 'pull'}/${number}`;
