import type { FastifyRequest } from 'fastify';
import { describe, expect, test } from 'vitest';
import { dayAfter, manualDayProblem, manualValueProblem } from '../../../shared/limits.js';
import { clientKey, isApiPath, routedPath, WindowLimit } from '../../../server/limits.js';

describe('WindowLimit', () => {
  test('counts per key, refuses over the budget until the window ends', () => {
    let now = 0;
    const limit = new WindowLimit(2, 60_000, () => now);
    limit.count('a');
    expect(limit.waitSeconds('a')).toBe(0);
    limit.count('a');
    expect(limit.waitSeconds('a')).toBe(60);
    expect(limit.waitSeconds('b')).toBe(0); // another client has its own budget
    now = 59_001;
    expect(limit.waitSeconds('a')).toBe(1);
    now = 60_000;
    expect(limit.waitSeconds('a')).toBe(0);
  });

  test('take counts and answers the wait of the use that is over the budget', () => {
    let now = 0;
    const limit = new WindowLimit(2, 60_000, () => now);
    expect([limit.take('a'), limit.take('a'), limit.take('b')]).toEqual([0, 0, 0]);
    now = 20_500;
    expect(limit.take('a')).toBe(40); // the window started with a's first use
    expect(limit.take('a')).toBe(40);
    now = 60_000; // a new window: a full budget again
    expect([limit.take('a'), limit.take('a'), limit.take('a')]).toEqual([0, 0, 60]);
  });

  test('keys of clients gone are swept once the map is large, at most once a second', () => {
    let now = 0;
    const limit = new WindowLimit(1, 1000, () => now);
    for (let i = 0; i <= 10_000; i++) limit.take(`old-${i}`);
    now = 5_000;
    limit.take('new'); // sweeps the 10,001 expired keys
    expect(limit.take('old-1')).toBe(0); // a fresh window, not the old one's exhausted count
    const size = (limit as unknown as { hits: Map<string, unknown> }).hits.size;
    expect(size).toBe(2);
  });
});

describe('clientKey', () => {
  test.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['::1', '0:0:0:0::/64'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'], // the same /64
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:1::1', '2001:db8:0:0::/64'],
    ['1::3:4:5:6:1.2.3.4', '1:0:3:4::/64'], // a dotted tail stands for two groups
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s → %s', (ip, key) => {
    expect(clientKey(ip)).toBe(key);
  });
});

describe('routedPath', () => {
  const request = (url: string) => ({ url }) as FastifyRequest;
  test.each([
    ['/api/okrs?x=1', '/api/okrs', true],
    ['/%61pi/okrs', '/api/okrs', true],
    ['/%61%70%69/health', '/api/health', true],
    ['/%ZZ/okrs', '/%ZZ/okrs', false], // not decodable: kept as sent (the router refuses it)
    ['/assets/app.js', '/assets/app.js', false],
  ])('%s is %s', (url, path, api) => {
    expect(routedPath(request(url))).toBe(path);
    expect(isApiPath(request(url))).toBe(api);
  });
});

describe('manual value bounds', () => {
  test.each([
    [0, null],
    [1e15, null],
    [-1e15, null],
    [1e15 + 2, 'must be a number from'],
    [1.79e308, 'must be a number from'],
    [Number.NaN, 'must be a number from'],
    [Number.POSITIVE_INFINITY, 'must be a number from'],
  ])('%s', (value, problem) => {
    const found = manualValueProblem(value);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  test.each([
    ['2000-01-01', null],
    ['2026-11-23', null],
    ['2026-11-24', null], // tomorrow: a team ahead of UTC is already there
    ['2026-11-25', 'must be from 2000-01-01 to 2026-11-24'],
    ['1999-12-31', 'must be from 2000-01-01 to 2026-11-24'],
    ['0000-01-01', 'must be from 2000-01-01 to 2026-11-24'],
  ])('%s recorded on 2026-11-23', (day, problem) => {
    expect(manualDayProblem(day, '2026-11-23')).toBe(problem);
  });

  test('dayAfter crosses months and leap days', () => {
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
  });
});
