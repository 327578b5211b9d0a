/**
 * One Octokit for a collection pass: throttling + retry, `baseUrl` from GITHUB_API_URL (GitHub
 * Enterprise Server's /api/v3 works; Octokit derives /api/graphql), and the pass's accounting:
 * requests sent, GraphQL points spent, and the rate limit left per resource.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

const PulseOctokit = Octokit.plugin(throttling, retry);
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
  baseUrl: string;
  /** A backfill may spend the whole hourly budget and waits for resets; a normal pass keeps 10%. */
  backfill: boolean;
  signal?: AbortSignal;
  /** Milliseconds between GraphQL requests (GitHub asks for serial, paced requests). */
  graphqlSpacingMs?: number;
  /** Scales `retry-after` seconds; tests make waits short. */
  retryAfterBaseMs?: number;
  log?: (message: string) => void;
}

export interface GithubClient {
  octokit: GithubOctokit;
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

export function createGithubClient(options: GithubClientOptions): GithubClient {
  const usage: GithubUsage = {
    requests: 0,
    notModified: 0,
    points: 0,
    rate: { core: null, graphql: null },
  };
  const log = options.log ?? (() => {});
  const octokit = new PulseOctokit({
    auth: options.token ?? undefined,
    baseUrl: options.baseUrl,
    userAgent: 'pulseboard/0.1.0',
    request: { signal: options.signal },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    throttle: {
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
    },
  });

  octokit.hook.before('request', (request) => {
    const resource = String(request.url).endsWith('/graphql') ? 'graphql' : 'core';
    const rate = usage.rate[resource];
    if (
      !options.backfill &&
      rate &&
      rate.remaining < rate.limit * RESERVE &&
      Date.now() / 1000 < rate.reset
    ) {
      throw new BudgetReserveError(resource, rate);
    }
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

  return {
    octokit,
    usage,
    async graphql<T>(query: string, variables: Record<string, unknown>) {
      const data = await octokit.graphql<T & { rateLimit?: { cost: number } | null }>(
        query,
        variables,
      );
      usage.points += data.rateLimit?.cost ?? 1;
      return data;
    },
  };
}
