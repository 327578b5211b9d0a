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
