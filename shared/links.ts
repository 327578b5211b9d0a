/**
 * Where things live: the dashboard's pages (the cards' links, and the digest's with the dashboard's
 * public address in front) and an issue's or pull request's page on GitHub.
 */

/** A key result's metric page, opened on that key result: what its card on the overview links to. */
export const keyResultPath = (kr: { metric: string; id: string }) =>
  `/metrics/${encodeURIComponent(kr.metric)}?kr=${encodeURIComponent(kr.id)}`;

export type ItemKind = 'issue' | 'pull_request';

/** The Waiting page, showing one kind. */
export const waitingPath = (kind: ItemKind) => `/waiting?kind=${kind}`;

/** `https://github.com/acme/rocket/pull/7`; `webUrl` is GitHub's (or an Enterprise host's) web address. */
export const githubItemUrl = (webUrl: string, repo: string, kind: ItemKind, number: number) =>
  `${webUrl}/${repo}/${kind === 'issue' ? 'issues' : 'pull'}/${number}`;
