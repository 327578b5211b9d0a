import { RequestError } from '@octokit/request-error';
import { describe, expect, test } from 'vitest';
import { describeRequestFailure, exhaustedRateLimit } from '../../../collector/github/errors.js';

const request = {
  method: 'POST' as const,
  url: 'http://github.stand-in/graphql',
  headers: { authorization: 'token ghp_SECRET' },
};
const failure = (status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(
    new RequestError('Server Error', status, {
      request,
      response: { status, url: request.url, headers: {}, data: {} },
    }),
    extra,
  );

describe('a failed GitHub request in one line', () => {
  test.each([
    [failure(502), 'GitHub answered 502 to POST /graphql, after retries'],
    [
      Object.assign(
        new RequestError('The operation was aborted due to timeout', 500, { request }),
        {
          cause: Object.assign(new Error('timeout'), { name: 'TimeoutError' }),
        },
      ),
      'GitHub did not answer POST /graphql in time, after retries',
    ],
    [
      Object.assign(new RequestError('bad json', 500, { request }), {
        cause: Object.assign(new Error('x'), { name: 'MalformedResponseError' }),
      }),
      'GitHub sent a malformed response to POST /graphql, after retries',
    ],
    [
      Object.assign(new RequestError('other side closed', 500, { request }), {
        cause: new TypeError('fetch failed'),
      }),
      'Could not reach GitHub for POST /graphql (other side closed), after retries',
    ],
    [
      { errors: [{ message: 'Something went wrong\nwhile executing' }], data: null },
      "GitHub's GraphQL API answered with an error: Something went wrong while executing",
    ],
  ])('%#', (error, expected) => {
    const line = describeRequestFailure(error);
    expect(line).toBe(expected);
    expect(line).not.toContain('SECRET');
  });
});

describe('an exhausted primary rate limit', () => {
  const limited = (headers: Record<string, string>) =>
    new RequestError('API rate limit exceeded', 403, {
      request,
      response: { status: 403, url: request.url, headers, data: {} },
    });

  test('is told by x-ratelimit-remaining 0, with the reset when GitHub gives one', () => {
    expect(
      exhaustedRateLimit(
        limited({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795000000' }),
      ),
    ).toEqual({ reset: new Date(1_795_000_000_000) });
    expect(exhaustedRateLimit(limited({ 'x-ratelimit-remaining': '0' }))).toEqual({ reset: null });
  });

  test('is not a secondary limit, a plain 403 or a 5xx', () => {
    expect(exhaustedRateLimit(limited({ 'x-ratelimit-remaining': '12' }))).toBe(null);
    expect(exhaustedRateLimit(limited({}))).toBe(null);
    expect(exhaustedRateLimit(failure(502))).toBe(null);
  });
});
