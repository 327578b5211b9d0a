/**
 * The API's per-client budget (`rateLimitPerMinute`, default 600): one fixed window a minute per
 * client (`clientKey`: IPv6 by its /64) across every API route, the rendered overview (`/`, which
 * stands for /api/okrs and /api/health) and the 404 of an API path. Over it: a 429 in the error shape
 * with `retry-after` and the `x-ratelimit-*` headers; allowed answers carry none (setting them was a
 * fifth of a ready answer's cost).
 *
 * A synchronous onRequest hook over `WindowLimit`, the fixed window the failed-login and export
 * budgets already use. @fastify/rate-limit did this before, but its hook is async whatever its
 * options (an async hook awaiting an async function, a promise around its store's callback, a
 * regular expression for IPv6 and a route-options object on every request): ~0.8 µs a request more
 * than this hook in a loop, and 2–3 µs of each ready /api/okrs answer in the server's CPU profile.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { ApiError } from './errors.js';
import { clientKey, isApiPath, WindowLimit } from './limits.js';

export type RateLimitHook = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void;

/** The hook that spends one request of the client's budget, or answers 429 when it is spent. */
export function rateLimitHook(perMinute: number, clock?: () => number): RateLimitHook {
  const budget = new WindowLimit(perMinute, 60_000, clock);
  const limit = String(perMinute);
  return (request, reply, done) => {
    const wait = budget.take(clientKey(request.ip));
    if (wait === 0) return done();
    const seconds = String(wait);
    reply.headers({
      'retry-after': seconds,
      'x-ratelimit-limit': limit,
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': seconds,
    });
    done(new ApiError(429, 'rate_limited', `Too many requests; try again in ${wait} s.`));
  };
}

/**
 * Puts the hook on the routes registered after this call whose pattern is an API path or `/` (the
 * router has decoded the path: `/%61pi/okrs` is /api/okrs), ahead of their own hooks. The dashboard's
 * files skip it, and nothing decides per request whether a path is the API's.
 */
export function limitApiRoutes(app: FastifyInstance, hook: RateLimitHook): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') || route.url === '/')
      route.onRequest = [hook, ...hooksOf(route.onRequest)] as typeof route.onRequest;
  });
}

/** For the 404 handler: an unrouted path spends the budget when it is an API path. */
export function limitApiNotFound(hook: RateLimitHook): RateLimitHook {
  return (request, reply, done) => (isApiPath(request) ? hook(request, reply, done) : done());
}

function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (!hooks) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}
