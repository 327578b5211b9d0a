/**
 * Per-client budgets: the API's requests a minute (rate-limit.ts), failed admin logins (so a token
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

  /** Counts one use against `key`'s budget: the seconds to wait when it is over, else 0. */
  take(key: string): number {
    const entry = this.current(key);
    if (!entry) {
      this.hits.set(key, { count: 1, resetAt: this.clock() + this.windowMs });
      return this.max >= 1 ? 0 : Math.ceil(this.windowMs / 1000);
    }
    return ++entry.count > this.max ? Math.ceil((entry.resetAt - this.clock()) / 1000) : 0;
  }

  private current(key: string) {
    const entry = this.hits.get(key);
    if (entry && entry.resetAt <= this.clock()) {
      this.hits.delete(key);
      return undefined;
    }
    // Keys of clients that went away are dropped once the map grows, not kept forever; at most once
    // a second, so many clients at once do not each pay for a pass over all the others.
    if (!entry && this.hits.size > 10_000 && this.clock() >= this.nextSweep) this.sweep();
    return entry;
  }

  private nextSweep = 0;

  private sweep(): void {
    const now = this.clock();
    this.nextSweep = now + 1000;
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
  }
}

/**
 * The key of a client's budget: an IPv4 address as is; an IPv6 address by its /64 (the block one
 * host is given, which it can fill with addresses of its own); an IPv4-mapped one as its IPv4.
 */
export function clientKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const address = ip.split('%')[0]!.toLowerCase(); // without a zone (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // A dotted IPv4 tail (64:ff9b::1.2.3.4) stands for two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - width(left) - width(right)).fill('0'), ...right];
  const prefix = groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16));
  return `${prefix.join(':')}::/64`;
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
