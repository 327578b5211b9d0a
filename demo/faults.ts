/**
 * A seeded fault injector for the stand-in APIs: the ways GitHub misbehaves in production, chosen
 * per request from a seed so a failing run can be replayed exactly. Set it as a stand-in's `faults`
 * (it wraps the stand-in's own answers); set `enabled = false` when the faults should stop.
 */
import { seeded } from './random.js';

export const FAULT_KINDS = [
  /** A burst of 502/503/504s. */
  'server-error',
  /** 403 "secondary rate limit" with `retry-after`. */
  'secondary-limit',
  /** 429 with `retry-after`. */
  'too-many-requests',
  /** 403 with `x-ratelimit-remaining: 0` and a reset moments away. */
  'primary-exhausted',
  /** 200 with `{ data: null, errors }`, the way GitHub reports a GraphQL timeout. */
  'graphql-error',
  /** The right answer with its body cut in half. */
  'truncated-json',
  /** The connection dropped without an answer. */
  'reset',
  /** An answer that comes after `slowMs`, past the client's timeout. */
  'slow',
  /** 401 Bad credentials, as for a revoked token. */
  'revoked-token',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  seed: number;
  /** Which faults to draw from; all by default. */
  kinds?: readonly FaultKind[];
  /** Chance that a request starts a fault (a burst may take the next few requests too). */
  rate: number;
  /** Longest burst of server errors; a burst longer than the client's retries fails the request. */
  maxBurst?: number;
  /** How long a slow answer takes (default 60 s: a hung connection). */
  slowMs?: number;
  /** The `retry-after` the rate-limit faults send, in seconds. */
  retryAfterSeconds?: number;
}

export interface FaultInjector {
  /** Answers `request` with a fault, or with `next(request)` (cut short, or late, for some faults). */
  handle(request: Request, next: (request: Request) => Promise<Response>): Promise<Response>;
  /** Faults injected so far, per kind. */
  injected: Record<FaultKind, number>;
  /** Requests seen while enabled. */
  requests: number;
  enabled: boolean;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

export function createFaultInjector(options: FaultOptions): FaultInjector {
  const random = seeded(options.seed);
  const kinds = options.kinds ?? FAULT_KINDS;
  const maxBurst = options.maxBurst ?? 5;
  const slowMs = options.slowMs ?? 60_000;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  let burstLeft = 0;
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;

  const injector: FaultInjector = {
    injected,
    requests: 0,
    enabled: true,
    async handle(request, next) {
      if (!injector.enabled) return next(request);
      injector.requests++;
      // Draw every time, so request n meets the same fault whatever happened before it.
      const roll = random();
      const kind = kinds[Math.floor(random() * kinds.length)]!;
      const burst = 1 + Math.floor(random() * maxBurst);
      if (burstLeft > 0) {
        burstLeft--;
        injected['server-error']++;
        return json(502, { message: 'Server Error' });
      }
      if (roll >= options.rate) return next(request);
      injected[kind]++;
      if (kind === 'server-error') burstLeft = burst - 1;
      return answerFault(kind, request, next, { burst, slowMs, retryAfter });
    },
  };
  return injector;
}

interface FaultSettings {
  burst: number;
  slowMs: number;
  retryAfter: string;
}

async function answerFault(
  kind: FaultKind,
  request: Request,
  next: (request: Request) => Promise<Response>,
  { burst, slowMs, retryAfter }: FaultSettings,
): Promise<Response> {
  const graphql = new URL(request.url).pathname.endsWith('/graphql');
  switch (kind) {
    case 'server-error':
      return json([502, 503, 504][burst % 3]!, { message: 'Server Error' });
    case 'secondary-limit':
    case 'too-many-requests':
    case 'primary-exhausted':
      return rateLimited(kind, retryAfter, graphql);
    case 'graphql-error':
      if (!graphql) return json(502, { message: 'Server Error' });
      return json(200, {
        data: null,
        errors: [
          {
            message:
              'Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug.',
          },
        ],
      });
    case 'truncated-json': {
      const answer = await next(request);
      if (answer.status === 304) return answer;
      const text = await answer.text();
      return new Response(text.slice(0, Math.floor(text.length / 2)), {
        status: answer.status,
        headers: answer.headers,
      });
    }
    case 'reset':
      return Response.error();
    case 'slow':
      // Until the client gives up (msw aborts the request's signal) or slowMs has passed.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, slowMs);
        request.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
      });
      return request.signal.aborted ? Response.error() : next(request);
    case 'revoked-token':
      return json(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
  }
}

function rateLimited(
  kind: 'secondary-limit' | 'too-many-requests' | 'primary-exhausted',
  retryAfter: string,
  graphql: boolean,
): Response {
  switch (kind) {
    case 'secondary-limit':
      return json(
        403,
        {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
        { 'retry-after': retryAfter },
      );
    case 'too-many-requests':
      return json(429, { message: 'Too Many Requests' }, { 'retry-after': retryAfter });
    case 'primary-exhausted':
      return json(
        403,
        { message: 'API rate limit exceeded for user ID 1.' },
        {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + Number(retryAfter)),
          'x-ratelimit-resource': graphql ? 'graphql' : 'core',
        },
      );
  }
}
