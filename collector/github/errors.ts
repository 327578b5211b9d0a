/** Reading Octokit's errors without depending on its classes. */

export interface GraphqlErrorItem {
  type?: string;
  message: string;
  path?: (string | number)[];
}

/** The errors of a GraphQL response that had some (Octokit throws those, with partial `data`). */
export function graphqlErrors(
  error: unknown,
): { errors: GraphqlErrorItem[]; data: unknown } | null {
  if (
    error &&
    typeof error === 'object' &&
    'errors' in error &&
    Array.isArray((error as { errors: unknown }).errors)
  ) {
    const e = error as { errors: GraphqlErrorItem[]; data?: unknown };
    return { errors: e.errors, data: e.data ?? null };
  }
  return null;
}

export function httpStatus(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

interface RequestFailure {
  message?: string;
  status?: number;
  cause?: unknown;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | undefined> };
}

/** GitHub's primary rate limit is used up: when it resets (if GitHub said), or null for any other failure. */
export function exhaustedRateLimit(error: unknown): { reset: Date | null } | null {
  const e = error as RequestFailure | null;
  const headers = e?.response?.headers;
  if ((e?.status !== 403 && e?.status !== 429) || headers?.['x-ratelimit-remaining'] !== '0')
    return null;
  const reset = Number(headers['x-ratelimit-reset']);
  return { reset: reset > 0 ? new Date(reset * 1000) : null };
}

/**
 * One line for a request that still failed after its retries: what was asked, what went wrong.
 * Never the headers or the body, which is where a token could be.
 */
export function describeRequestFailure(error: unknown): string {
  const e = (error ?? {}) as RequestFailure;
  const graphql = graphqlErrors(error);
  if (graphql) {
    const first = graphql.errors[0]?.message ?? 'unknown error';
    return `GitHub's GraphQL API answered with an error: ${oneLine(first)}`;
  }
  const path = e.request?.url ? URL.parse(e.request.url)?.pathname : null;
  const what = path ? `${e.request?.method ?? 'GET'} ${path}` : 'a request';
  const cause = (e.cause as { name?: string } | undefined)?.name;
  if (cause === 'TimeoutError') return `GitHub did not answer ${what} in time, after retries`;
  if (cause === 'MalformedResponseError')
    return `GitHub sent a malformed response to ${what}, after retries`;
  if (e.cause !== undefined && e.status === 500 && !e.response)
    return `Could not reach GitHub for ${what} (${oneLine(e.message ?? 'network error')}), after retries`;
  if (typeof e.status === 'number' && e.status >= 500)
    return `GitHub answered ${e.status} to ${what}, after retries`;
  if (typeof e.status === 'number')
    return `GitHub answered ${e.status} to ${what}: ${oneLine(e.message ?? '')}`;
  return oneLine(e.message ?? String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
