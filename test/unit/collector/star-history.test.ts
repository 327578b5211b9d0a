import { describe, expect, test } from 'vitest';
import { toStarDayRows } from '../../../collector/github/star-history.js';
import { isRefusal } from '../../../collector/github/stars.js';

describe('star-history rows', () => {
  test('each week gives 7 days, 24 h apart from its start, whatever hour that is', () => {
    // 2026-10-25 is a Sunday; this week starts at 07:00 UTC.
    const week = Date.parse('2026-10-25T07:00:00Z') / 1000;
    const rows = toStarDayRows('42', [{ week, total: 6, days: [0, 1, 0, 0, 3, 0, 2] }]);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({ repo_id: '42', starts_at: '2026-10-25T07:00:00.000Z', stars: 0 });
    expect(rows[4]).toEqual({ repo_id: '42', starts_at: '2026-10-29T07:00:00.000Z', stars: 3 });
    expect(rows.reduce((n, r) => n + r.stars, 0)).toBe(6);
  });

  test('no weeks, no rows', () => {
    expect(toStarDayRows('42', [])).toEqual([]);
  });
});

describe('a refused stargazer list, told from a failure', () => {
  const http = (status: number, headers: Record<string, string> = {}, message = 'Forbidden') =>
    Object.assign(new Error(message), { status, response: { headers } });
  test.each([
    [
      'GraphQL FORBIDDEN on the field',
      {
        errors: [{ type: 'FORBIDDEN', message: 'Must have push access', path: ['stars'] }],
        data: null,
      },
      true,
    ],
    ['HTTP 403 for the request', http(403, { 'x-ratelimit-remaining': '4000' }), true],
    ['HTTP 403: the rate limit is used up', http(403, { 'x-ratelimit-remaining': '0' }), false],
    [
      'HTTP 403: a secondary rate limit',
      http(403, {}, 'You have exceeded a secondary rate limit'),
      false,
    ],
    ['HTTP 404', http(404), false],
    ['HTTP 500', http(500), false],
    ['another GraphQL error', { errors: [{ type: 'NOT_FOUND', message: 'no repo' }] }, false],
  ])('%s → %s', (_what, error, refused) => {
    expect(isRefusal(error)).toBe(refused);
  });
});
