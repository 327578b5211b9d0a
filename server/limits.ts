/**
 * Small per-client budgets the general API rate limit does not cover: failed admin logins (so a token
 * cannot be guessed at request speed) and expensive exports (so one client cannot keep Chromium busy).
 * A fixed window per key, kept in memory: one server process is the deployment this protects.
 */
import type { FastifyRequest } from 'fastify';

export class WindowLimit {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it is within its budget (does not count). */
  waitSeconds(key: string): number {
    const entry = this.current(key);
    return entry && entry.count >= this.max ? Math.ceil((entry.resetAt - this.clock()) / 1000) : 0;
  }

  /** Counts one use against `key`'s budget. */
  count(key: string): void {
    const entry = this.current(key);
    if (entry) entry.count++;
    else this.hits.set(key, { count: 1, resetAt: this.clock() + this.windowMs });
  }

  private current(key: string) {
    const entry = this.hits.get(key);
    if (entry && entry.resetAt <= this.clock()) {
      this.hits.delete(key);
      return undefined;
    }
    // Keys of clients that went away are dropped once the map grows, not kept forever.
    if (!entry && this.hits.size > 10_000) this.sweep();
    return entry;
  }

  private sweep(): void {
    const now = this.clock();
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

/**
 * The request's path as the router sees it: percent-decoded, so `/%61pi/okrs` is `/api/okrs`.
 * Checks keyed on the raw URL are skipped by anyone who encodes a letter.
 */
export function routedPath(request: FastifyRequest): string {
  const raw = request.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const isApiPath = (request: FastifyRequest): boolean =>
  routedPath(request).startsWith('/api/');
