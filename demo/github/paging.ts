/** GitHub's `Link` header for a paged listing: next and last after this page, first and prev before it. */
export function pageLinks(url: URL, page: number, last: number, perPage: number): string | null {
  const link = (n: number, rel: string) => {
    const u = new URL(url);
    u.searchParams.set('page', String(n));
    u.searchParams.set('per_page', String(perPage));
    return `<${u}>; rel="${rel}"`;
  };
  const links = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  return links.length > 0 ? links.join(', ') : null;
}

/** The items `[start, end)` a REST page shows out of `total`, and its `Link` header. */
export interface PageSlice {
  start: number;
  end: number;
  link: string | null;
}

/**
 * Which page of `total` items `?page=&per_page=` asks for, as GitHub reads them: 30 a page by
 * default, at most 100, anything unreadable the default; a page past the last is empty.
 */
export function pageOf(url: URL, total: number): PageSlice {
  const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
  const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
  const last = Math.max(1, Math.ceil(total / perPage));
  const start = Math.min((page - 1) * perPage, total);
  return {
    start,
    end: Math.min(start + perPage, total),
    link: pageLinks(url, page, last, perPage),
  };
}
