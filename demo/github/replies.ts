/**
 * How the GitHub stand-in writes its REST answers: JSON with the rate-limit headers of the budget
 * being spent, ETags and 304s, and Link pagination.
 */
import { createHash } from 'node:crypto';
import type { GraphqlBudget } from './graphql.js';
import { pageOf } from './paging.js';

/** A token's budgets: the personal tokens' or an installation's. */
export interface Budgets {
  core: { limit: number; remaining: number; reset: number };
  graphql: GraphqlBudget;
}

export class Replies {
  /** The budget of the request being answered. */
  constructor(public current: Budgets) {}

  rateHeaders(resource: 'core' | 'graphql'): Record<string, string> {
    const r =
      resource === 'core'
        ? this.current.core
        : {
            limit: this.current.graphql.limit,
            remaining: this.current.graphql.remaining,
            reset: this.current.core.reset,
          };
    return {
      'x-ratelimit-limit': String(r.limit),
      'x-ratelimit-remaining': String(r.remaining),
      'x-ratelimit-reset': String(r.reset),
      'x-ratelimit-used': String(r.limit - r.remaining),
      'x-ratelimit-resource': resource,
    };
  }

  json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
    return new Response(status === 304 ? null : JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...this.rateHeaders('core'),
        ...headers,
      },
    });
  }

  /**
   * One page of a listing: the items themselves, or their count and a function building the items
   * `[start, end)`, so a long listing builds only the page asked for.
   */
  paginated(
    request: Request,
    url: URL,
    items: unknown[] | { total: number; build: (start: number, end: number) => unknown[] },
  ): Response {
    const total = Array.isArray(items) ? items.length : items.total;
    const { start, end, link } = pageOf(url, total);
    const page = Array.isArray(items) ? items.slice(start, end) : items.build(start, end);
    return this.conditional(request, page, link ? { link } : {});
  }

  conditional(request: Request, body: unknown, extra: Record<string, string> = {}): Response {
    const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}"`;
    const headers = { ...extra, etag, 'cache-control': 'private, max-age=60, s-maxage=60' };
    if (request.headers.get('if-none-match') === etag) return this.json(304, null, headers);
    return this.json(200, body, headers);
  }
}
