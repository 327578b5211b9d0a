/**
 * Hostile input, part two (issue 15): each test below is one finding of an outside probe, held to
 * the behaviour users rely on once it is fixed.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';

const NOW = '2026-11-01T12:00:00Z';
const ADMIN = 'hostile-admin-token';
const auth = { authorization: `Bearer ${ADMIN}` };
const OKRS = [{ objective: 'Revenue', keyResults: [keyResult('arr', 'manual.arr', 1000)] }];

const errorShape = { error: { code: expect.any(String), message: expect.any(String) } };

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    app = await buildApp({
      database,
      webRoot: null,
      rateLimitPerMinute: false,
      now: () => new Date(NOW),
      settings: { project: 'Hostile', timezone: 'UTC', okrs: OKRS, adminToken: ADMIN },
      collect: async () => 'busy',
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const record = (payload: unknown, headers: Record<string, string> = auth, id = 'manual.x') =>
    app.inject({
      method: 'POST',
      url: `/api/metrics/${id}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(payload),
    });

  test.each(['Infinity', '1e400', '1e2', '0x10', '+5', '%205', '5.0', '-0', '05', ''])(
    'GET /api/runs?limit=%s is a 400 naming the parameter',
    async (limit) => {
      const response = await app.inject(`/api/runs?limit=${limit}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
      expect(response.json().error.message).toContain('limit');
    },
  );

  test('GET /api/runs?limit=5 is fine', async () => {
    expect((await app.inject('/api/runs?limit=5')).statusCode).toBe(200);
  });

  test.each([1.79e308, -1.79e308, 1e15 + 2, -1e15 - 2])(
    'a manual value of %s is refused (outside ±1e15)',
    async (value) => {
      const response = await record({ value, at: '2026-10-01' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('value');
    },
  );

  test('manual values at the edges of the range and of the calendar are accepted', async () => {
    expect((await record({ value: 1e15, at: '2026-10-01' })).statusCode).toBe(201);
    expect((await record({ value: -1e15, at: '2026-10-02' })).statusCode).toBe(201);
    expect((await record({ value: 1, at: '2000-01-01' })).statusCode).toBe(201);
    expect((await record({ value: 1, at: '2026-11-02' })).statusCode).toBe(201); // tomorrow
  });

  test.each(['0000-01-01', '1999-12-31', '2026-11-03', '2099-01-01'])(
    'a manual value dated %s is refused (2000-01-01 to tomorrow)',
    async (at) => {
      const response = await record({ value: 1, at });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toContain('at');
    },
  );

  test.each([null, true, '1', [5], { v: 1 }])(
    'a manual value of %j is refused, not coerced',
    async (value) => {
      const response = await record({ value, at: '2026-10-05' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject(errorShape);
    },
  );

  test('a huge value already in the database does not break /api/okrs or /api/metrics', async () => {
    await database.db
      .insertInto('manual_value')
      .values([
        {
          metric: 'manual.arr',
          at: '2026-10-10',
          value: 1.79e308,
          recorded_at: NOW,
          source: 'cli',
        },
        {
          metric: 'manual.arr',
          at: '2026-10-11',
          value: -1.79e308,
          recorded_at: NOW,
          source: 'cli',
        },
      ])
      .execute();
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the cache reads the version once a second
    for (const url of ['/api/okrs', '/api/metrics', '/api/metrics/manual.arr/series']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
    }
    await database.db.deleteFrom('manual_value').where('metric', '=', 'manual.arr').execute();
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
  });

  test.each([
    '/api/okrs',
    '/api/metrics',
    '/api/health',
    '/api/repos',
    '/api/runs',
    '/api/metrics/github.stars/series',
    '/api/report.md',
  ])('GET %s?color=red is a 400 naming the parameter', async (url) => {
    const response = await app.inject(`${url}?color=red`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('color');
  });

  test('POST /api/collect?color=red is a 400 too (with the token)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/collect?color=red',
      headers: auth,
    });
    expect(response.statusCode).toBe(400);
  });

  test.each([
    ['PUT', '/api/okrs', 'GET, HEAD'],
    ['DELETE', '/api/metrics', 'GET, HEAD'],
    ['GET', '/api/collect', 'POST'],
    ['PATCH', '/api/metrics/manual.arr', 'POST'],
    ['POST', '/api/report.md', 'GET, HEAD'],
    ['POST', '/api/metrics/github.stars/series', 'GET, HEAD'],
  ])('%s %s is a 405 with Allow: %s', async (method, url, allow) => {
    const response = await app.inject({ method: method as 'GET', url });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe(allow);
    expect(response.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  test('admin auth comes before body validation: an anonymous bad POST learns nothing', async () => {
    const response = await record({ wrong: 'shape' }, {});
    expect(response.statusCode).toBe(401);
    const badToken = await record({ value: 'x' }, { authorization: 'Bearer nope' });
    expect(badToken.statusCode).toBe(401);
  });

  test.each(['0000-01-01', '1999-12-31'])(
    'report and series dates before 2000-01-01 (%s) are refused',
    async (day) => {
      for (const url of [
        `/api/report.md?to=${day}`,
        `/api/report.md?from=${day}`,
        `/api/metrics/github.stars/series?from=${day}`,
        `/api/metrics/github.stars/series?to=${day}`,
      ]) {
        const response = await app.inject(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().error.message, url).toContain('2000-01-01');
      }
    },
  );

  test('a path segment over the length limit is a 414 in the error shape', async () => {
    const response = await app.inject(`/api/metrics/${'a'.repeat(600)}/series`);
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({ error: { code: 'uri_too_long' } });
  });

  test('an unsupported body type is a 415 and an oversized body a 413, in the error shape', async () => {
    const text = await app.inject({
      method: 'POST',
      url: '/api/metrics/manual.x',
      headers: { ...auth, 'content-type': 'text/plain' },
      payload: 'value=1',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    const big = await app.inject({
      method: 'POST',
      url: '/api/metrics/manual.x',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: `{"value":1,"pad":"${'x'.repeat(2_000_000)}"}`,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });
});

describe('rate limits', () => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('a percent-encoded path (/%61pi/health) counts against the API limit', async () => {
    const app = await buildApp({ database, webRoot: null, rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (const url of ['/%61pi/health', '/api/health', '/%61%70%69/health', '/%61pi/health'])
        codes.push((await app.inject(url)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      expect((await app.inject('/%61pi/okrs')).json()).toMatchObject({
        error: { code: 'rate_limited' },
      });
    } finally {
      await app.close();
    }
  });

  test('failed admin logins are limited on their own: after 10 a minute, even the right token waits', async () => {
    const app = await buildApp({
      database,
      webRoot: null,
      settings: { project: 'x', timezone: 'UTC', okrs: [], adminToken: ADMIN },
      collect: async () => 'started',
    });
    try {
      const codes = [];
      for (let i = 0; i < 10; i++) {
        const response = await app.inject({
          method: 'POST',
          url: i % 2 ? '/%61pi/collect' : '/api/collect',
          headers: { authorization: `Bearer guess-${i}` },
        });
        codes.push(response.statusCode);
      }
      expect(codes).toEqual(Array(10).fill(401));
      const locked = await app.inject({ method: 'POST', url: '/api/collect', headers: auth });
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ error: { code: 'rate_limited' } });
      expect(locked.headers['retry-after']).toBeDefined();
      // Reading stays open: the lockout is about admin attempts only.
      expect((await app.inject('/api/health')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('over a real socket', () => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    app = await buildApp({ database, webRoot: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      },
    );

  test('headers over the size limit: 431 in the error shape', async () => {
    const response = await get('/api/health', { 'x-filler': 'y'.repeat(40_000) });
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { code: 'header_too_large', message: expect.any(String) },
    });
  });

  test('/api/docs on a real host name over plain http: its CSP does not upgrade to https', async () => {
    for (const path of ['/api/docs', '/api/docs/static/index.html', '/api/docs/json']) {
      const response = await get(path, { host: 'dashboard.example.internal:3000' });
      expect(response.status, path).toBeLessThan(400);
      const csp = String(response.headers['content-security-policy'] ?? '');
      expect(csp, path).not.toContain('upgrade-insecure-requests');
    }
  });
});
