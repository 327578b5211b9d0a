/**
 * The page and its filters live in the URL (shareable links): /, /metrics, /metrics/:id?range&from&to
 * &interval&repo&prev&view, /waiting, /collection. Links are ordinary <a href>; clicks are handled here without a reload.
 */
export type Route =
  | { page: 'overview' }
  | { page: 'metrics' }
  | { page: 'metric'; id: string }
  | { page: 'waiting' }
  | { page: 'collection' }
  | { page: 'not_found' };

function parse(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'overview' };
  if (pathname === '/collection') return { page: 'collection' };
  if (pathname === '/metrics') return { page: 'metrics' };
  if (pathname === '/waiting') return { page: 'waiting' };
  const metric = pathname.match(/^\/metrics\/([^/]+)$/);
  if (metric) return { page: 'metric', id: decodeURIComponent(metric[1]!) };
  return { page: 'not_found' };
}

// On the server (which renders only the overview, `/`) there is no location and nothing to listen to.
const browser = typeof location !== 'undefined';

class Router {
  route = $state<Route>(parse(browser ? location.pathname : '/'));
  query = $state(new URLSearchParams(browser ? location.search : ''));

  constructor() {
    if (!browser) return;
    addEventListener('popstate', () => this.sync());
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      if (
        !link ||
        link.target ||
        link.origin !== location.origin ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        link.hasAttribute('download')
      )
        return;
      if (link.pathname.startsWith('/api/')) return;
      event.preventDefault();
      this.go(link.pathname + link.search);
    });
  }

  go(url: string, replace = false) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.sync();
    if (!replace) scrollTo(0, 0);
  }

  /** Sets query parameters on the current page (null removes one), as a new history entry. */
  setQuery(changes: Record<string, string | null>) {
    const next: Record<string, string> = Object.fromEntries(new URLSearchParams(location.search));
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    const search = new URLSearchParams(next).toString();
    this.go(`${location.pathname}${search ? `?${search}` : ''}`);
  }

  private sync() {
    this.route = parse(location.pathname);
    this.query = new URLSearchParams(location.search);
  }
}

export const router = new Router();
