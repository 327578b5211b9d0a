/**
 * One Octokit for a collection pass: throttling + retry, `baseUrl` from GITHUB_API_URL (GitHub
 * Enterprise Server's /api/v3 works; Octokit derives /api/graphql), and the pass's accounting:
 * requests sent, GraphQL points spent, and the rate limit left per resource.
 */
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { GithubAppCredentials } from '../../config/env.js';
import { graphqlErrors } from './errors.js';
import { useImmediateYields } from './immediate-yields.js';

const PulseOctokit = Octokit.plugin(throttling, retry);
useImmediateYields();
export type GithubOctokit = InstanceType<typeof PulseOctokit>;

export interface RateState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

export interface GithubUsage {
  requests: number;
  notModified: number;
  points: number;
  rate: { core: RateState | null; graphql: RateState | null };
}

export interface GithubClientOptions {
  token: string | null;
  /** A GitHub App installation: its tokens are used (and renewed before they expire) instead of `token`. */
  app?: GithubAppCredentials | null;
  baseUrl: string;
  /** A backfill may spend the whole hourly budget and waits for resets; a normal pass keeps 10%. */
  backfill: boolean;
  signal?: AbortSignal;
  /** Milliseconds between GraphQL requests (GitHub asks for serial, paced requests). */
  graphqlSpacingMs?: number;
  /** Scales `retry-after` seconds and the retry backoff (1, 4, 9 × this); tests make waits short. */
  retryAfterBaseMs?: number;
  /** A request (headers and body) that takes longer fails and is retried; default 30 s. */
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}

export interface GithubClient {
  octokit: GithubOctokit;
  /** How it authenticates, in words; `app` when as a GitHub App installation. */
  auth: { app: boolean; description: string };
  usage: GithubUsage;
  /** GraphQL with variables; adds the query's cost to the pass's points. */
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
}

/** The pass stops (resumably) rather than spend the last 10% of an hour's budget. */
export class BudgetReserveError extends Error {
  override name = 'BudgetReserveError';
  constructor(
    readonly resource: 'core' | 'graphql',
    readonly rate: RateState,
  ) {
    super(
      `Stopped to keep 10% of the GitHub ${resource} rate limit (${rate.remaining}/${rate.limit} left until ${new Date(rate.reset * 1000).toISOString()}); the next pass resumes here, or run with --backfill to use it all.`,
    );
  }
}

export const RESERVE = 0.1;
export const REQUEST_TIMEOUT_MS = 30_000;

/** A response GitHub cut short or garbled: retried like a 5xx. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * fetch with a per-request timeout that also covers reading the body, and a JSON body parsed once,
 * here. A body that does not parse (cut short, garbled) throws, and Octokit turns that into a
 * retryable error (status 500); left to itself it would hand a truncated body to the collectors as
 * a string. A successful answer reaches Octokit as its `data` already (Octokit returns the
 * response's `body` as `data` with `parseSuccessResponseBody` off, as `createGithubClient` sets
 * it): Octokit's own parse (json-with-bigint, for integers past 2^53, which GitHub's ids are not)
 * on Node 20 rewrites the whole text with a regular expression and parses that with a reviver;
 * with the check's parse before it, every page was decoded twice and parsed three times: a 1×
 * backfill took 20.5–22.9 s of CPU, 17.2–17.6 s parsed once (`bench/backfill-memory.ts`, two runs
 * each). Errors and 304s keep their text body, which Octokit reads for the error's message.
 */
function guardedFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await fetch(input, { ...init, signal });
    const text = await response.text();
    const json = text !== '' && /\bjson\b/i.test(response.headers.get('content-type') ?? '');
    let parsed: unknown;
    if (json) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new MalformedResponseError(
          `GitHub sent a malformed JSON body (${text.length} bytes, HTTP ${response.status})`,
        );
      }
    }
    const noBody = NULL_BODY.has(response.status);
    const success = !noBody && response.status >= 200 && response.status < 300;
    const copy = new Response(noBody || success ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(copy, 'url', { value: response.url });
    if (success) Object.defineProperty(copy, 'body', { value: json ? parsed : text });
    return copy;
  };
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const usage: GithubUsage = {
    requests: 0,
    notModified: 0,
    points: 0,
    rate: { core: null, graphql: null },
  };
  const log = options.log ?? (() => {});
  const octokit = new PulseOctokit({
    ...authentication(options),
    baseUrl: options.baseUrl,
    userAgent: 'pulseboard/0.1.0',
    request: {
      signal: options.signal,
      fetch: guardedFetch(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS),
      // guardedFetch parsed a successful answer's JSON already: its `body` is the data.
      parseSuccessResponseBody: false,
    },
    // 5xx, timeouts, resets and malformed bodies: three retries after 1, 4 and 9 × the base.
    retry: { retryAfterBaseValue: options.retryAfterBaseMs ?? 1000 },
    // Octokit's own error lines ("GET … - 500 with id …") repeat what the pass reports in one line.
    log: { debug: () => {}, info: () => {}, warn: log, error: () => {} },
    throttle: throttleOptions(options, log),
  });

  // Outermost (registered after the plugins): Ctrl-C ends a request at once, also while the retry
  // and throttling plugins wait out a backoff or a retry-after, which no fetch signal reaches.
  const signal = options.signal;
  if (signal)
    octokit.hook.wrap('request', (request, endpoint) =>
      untilAborted(Promise.resolve(request(endpoint)), signal),
    );
  countUsage(octokit, usage, options.backfill);

  return {
    octokit,
    auth: { app: Boolean(options.app), description: describeAuth(options) },
    usage,
    async graphql<T>(query: string, variables: Record<string, unknown>) {
      type Costed = T & { rateLimit?: { cost: number } | null };
      try {
        const data = await octokit.graphql<Costed>(query, variables);
        usage.points += data.rateLimit?.cost ?? 1;
        return data;
      } catch (error) {
        // Errors with partial data were answered (and charged) all the same.
        const partial = graphqlErrors(error)?.data as Costed | null | undefined;
        if (partial) usage.points += partial.rateLimit?.cost ?? 1;
        throw error;
      }
    },
  };
}

/** Waits out a rate limit only in a backfill; secondary limits up to five times; paced GraphQL. */
function throttleOptions(options: GithubClientOptions, log: (message: string) => void) {
  return {
    id: `pulseboard-${process.pid}-${Math.random().toString(36).slice(2)}`,
    retryAfterBaseValue: options.retryAfterBaseMs ?? 1000,
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.graphqlSpacingMs ?? 100 }),
    onRateLimit: (retryAfter: number, request: { method: string; url: string }) => {
      if (!options.backfill) return false;
      log(
        `GitHub rate limit reached on ${request.method} ${request.url}; waiting ${retryAfter}s for the reset (backfill).`,
      );
      return true;
    },
    onSecondaryRateLimit: (
      retryAfter: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ) => {
      log(
        `GitHub secondary rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`,
      );
      return retryCount < 5;
    },
  };
}

/** The pass's accounting (requests, 304s, the rate limit left) and its 10% reserve. */
function countUsage(octokit: GithubOctokit, usage: GithubUsage, backfill: boolean): void {
  octokit.hook.before('request', (request) => {
    const resource = String(request.url).endsWith('/graphql') ? 'graphql' : 'core';
    const rate = usage.rate[resource];
    if (
      !backfill &&
      rate &&
      rate.remaining < rate.limit * RESERVE &&
      Date.now() / 1000 < rate.reset
    )
      throw new BudgetReserveError(resource, rate);
    usage.requests++;
  });
  const record = (headers: Record<string, string | number | undefined> | undefined) => {
    if (!headers?.['x-ratelimit-limit']) return;
    const resource = headers['x-ratelimit-resource'] === 'graphql' ? 'graphql' : 'core';
    usage.rate[resource] = {
      limit: Number(headers['x-ratelimit-limit']),
      remaining: Number(headers['x-ratelimit-remaining']),
      reset: Number(headers['x-ratelimit-reset']),
    };
  };
  octokit.hook.after('request', (response) => record(response.headers));
  octokit.hook.error('request', (error) => {
    const response = (error as { response?: { headers?: Record<string, string> } }).response;
    record(response?.headers);
    if ((error as { status?: number }).status === 304) usage.notModified++;
    throw error;
  });
}

/**
 * A GitHub App authenticates as its installation: @octokit/auth-app signs a JWT with the app's key,
 * trades it for an installation token (an hour's life, its own rate limit) and renews the token a
 * minute before it expires, so a long backfill never sends an expired one.
 */
function authentication(options: GithubClientOptions) {
  const app = options.app;
  if (!app) return { auth: options.token ?? undefined };
  return {
    authStrategy: createAppAuth,
    auth: { appId: app.appId, privateKey: app.privateKey, installationId: app.installationId },
  };
}

/** How a client authenticates, in words (`pulseboard doctor`). */
export function describeAuth(options: Pick<GithubClientOptions, 'token' | 'app'>): string {
  if (options.app)
    return `GitHub App ${options.app.appId}, installation ${options.app.installationId} (installation tokens, renewed before they expire)`;
  return options.token ? 'GITHUB_TOKEN (a personal access token)' : 'none';
}

/** `work`, or an AbortError as soon as `signal` aborts (the work itself is left to fail quietly). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = () => new DOMException('The collection was stopped.', 'AbortError');
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(aborted());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
