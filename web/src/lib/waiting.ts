/** The Waiting page's words and how it reads a list longer than one answer of the API. */
import { formatValue } from '../../../shared/format.js';
import type { WaitingResponse } from './api.js';

/** The filters the page takes from its URL: a kind ('' = both) and a repository ('' = all). */
export interface WaitingFilter {
  kind: '' | 'issue' | 'pull_request';
  repo: string;
}

/** How many more items "Show more" adds. */
export const WAITING_STEP = 100;
/** The API's largest `limit`: a longer list is read in pages of this size. */
const API_PAGE = 500;

const count = (n: number) => formatValue(n, 'count');

export function kindFromQuery(value: string | null): WaitingFilter['kind'] {
  return value === 'issue' || value === 'pull_request' ? value : '';
}

function noun(kind: WaitingFilter['kind'], n: number): string {
  const one = n === 1;
  if (kind === 'issue') return one ? 'issue' : 'issues';
  if (kind === 'pull_request') return one ? 'pull request' : 'pull requests';
  return one ? 'item' : 'items';
}

/** "463 issues and 82 pull requests in acme/core have had no answer from anyone but their author." */
export function totalsText(totals: WaitingResponse['totals'], repo: string): string {
  const { issues, pullRequests } = totals;
  const where = repo ? ` in ${repo}` : '';
  const verb = issues + pullRequests === 1 ? 'has' : 'have';
  return (
    `${count(issues)} ${noun('issue', issues)} and ${count(pullRequests)} ` +
    `${noun('pull_request', pullRequests)}${where} ${verb} had no answer from anyone but their author.`
  );
}

/** Exactly what the list holds: "Showing the oldest 100 of 545 waiting items." */
export function shownText(shown: number, matching: number, filter: WaitingFilter): string {
  const what = (n: number) =>
    `waiting ${noun(filter.kind, n)}${filter.repo ? ` in ${filter.repo}` : ''}`;
  if (shown < matching)
    return `Showing the oldest ${count(shown)} of ${count(matching)} ${what(matching)}.`;
  if (matching === 1) return `Showing the one ${what(1)}.`;
  return `Showing all ${count(matching)} ${what(matching)}, oldest first.`;
}

/** Beside the button, where the list ends: "200 of 545 shown". */
export const shownCount = (shown: number, matching: number) =>
  `${count(shown)} of ${count(matching)} shown`;

/** The "Show more" button's words: the next step, or what is left when that is fewer. */
export function moreText(shown: number, matching: number): string {
  const next = Math.min(WAITING_STEP, matching - shown);
  return next < WAITING_STEP ? `Show the last ${count(next)}` : `Show ${count(next)} more`;
}

/**
 * The oldest `shown` items matching `filter`, read in pages of the API's largest limit side by side
 * and joined; an item that moved from one page to the next while they were read is listed once.
 */
export async function readWaiting(
  fetchPage: (query: Record<string, string>) => Promise<WaitingResponse>,
  filter: WaitingFilter,
  shown: number,
): Promise<WaitingResponse> {
  const query: Record<string, string> = {};
  if (filter.kind) query.kind = filter.kind;
  if (filter.repo) query.repo = filter.repo;
  const offsets: number[] = [];
  for (let offset = 0; offset < shown; offset += API_PAGE) offsets.push(offset);
  const pages = await Promise.all(
    offsets.map((offset) =>
      fetchPage({
        ...query,
        limit: String(Math.min(API_PAGE, shown - offset)),
        ...(offset ? { offset: String(offset) } : {}),
      }),
    ),
  );
  const seen = new Set<string>();
  const items = pages
    .flatMap((p) => p.items)
    .filter((item) => !seen.has(item.url) && seen.add(item.url));
  const last = pages.at(-1)!;
  return { ...last, items, offset: 0, limit: shown };
}
