/**
 * /api/okrs, /api/metrics and series from ready bytes: the same JSON in every encoding the client
 * accepts, a strong ETag with 304 while the rollups are unchanged, a new ETag after a refresh, and
 * the rate limit still counting every request.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';

const NOW = '2026-11-01T00:00:00Z';
const AUTH = { authorization: 'Bearer admin-secret-for-tests' };
const SERIES = '/api/metrics/manual.arr/series?from=2026-01-01';
const URLS = ['/api/okrs', '/api/metrics', SERIES];

describe.each(DIALECTS)('ready answers on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  const build = (rateLimitPerMinute?: number) =>
    buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      rateLimitPerMinute,
      settings: {
        project: 'Test',
        timezone: 'UTC',
        okrs: [
          {
            objective: 'Revenue',
            keyResults: [
              keyResult('arr', 'manual.arr', 200_000),
              keyResult('nps', 'manual.nps', 50),
            ],
          },
        ],
        adminToken: 'admin-secret-for-tests',
      },
    });
  const record = async (metric: string, value: number, at: string) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/metrics/${metric}`,
      headers: AUTH,
      payload: { value, at },
    });
    expect(response.statusCode).toBe(201);
  };

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    app = await build();
    await record('manual.arr', 100_000, '2026-01-01');
    await record('manual.nps', 31, '2026-01-01');
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  test.each(URLS)(
    '%s: the same JSON as identity, gzip and br, each with its own strong ETag',
    async (url) => {
      const plain = await app.inject(url);
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['cache-control']).toBe('no-cache');
      expect(plain.headers.vary).toMatch(/accept-encoding/i);
      expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(plain.rawPayload.length).toBeGreaterThan(1024); // large enough to be compressed
      const json: unknown = plain.json();

      const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers.vary).toMatch(/accept-encoding/i);
      expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(json);

      const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(json);

      // br refused by q=0: gzip.
      const noBr = await app.inject({ url, headers: { 'accept-encoding': 'br;q=0, *' } });
      expect(noBr.headers['content-encoding']).toBe('gzip');

      const tags = new Set([plain.headers.etag, gz.headers.etag, br.headers.etag]);
      expect(tags.size).toBe(3);
      // Asked again: the very same bytes and tag.
      const again = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(again.headers.etag).toBe(br.headers.etag);
      expect(again.rawPayload.equals(br.rawPayload)).toBe(true);
    },
  );

  test.each(URLS)('%s: 304 on a matching If-None-Match, in a list or weak', async (url) => {
    const first = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    const etag = first.headers.etag as string;
    for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const response = await app.inject({
        url,
        headers: { 'accept-encoding': 'gzip', 'if-none-match': ifNoneMatch },
      });
      expect(response.statusCode, ifNoneMatch).toBe(304);
      expect(response.rawPayload.length).toBe(0);
      expect(response.headers.etag).toBe(etag);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
    const stale = await app.inject({ url, headers: { 'if-none-match': '"not-this-one"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBeGreaterThan(0);
  });

  test('a refresh (new rollup version) gives new ETags and the new values', async () => {
    const before = await Promise.all(URLS.map((url) => app.inject(url)));
    await record('manual.arr', 150_000, '2026-10-31');
    for (const [i, url] of URLS.entries()) {
      const after = await app.inject({
        url,
        headers: { 'if-none-match': before[i]!.headers.etag as string },
      });
      expect(after.statusCode, url).toBe(200);
      expect(after.headers.etag, url).not.toBe(before[i]!.headers.etag);
    }
    const series = (await app.inject(SERIES)).json() as { points: { t: string; v: number }[] };
    expect(series.points.at(-1)).toEqual({ t: '2026-11-01', v: 150_000 });
  });

  test('the rate limit still counts cached answers and 304s', async () => {
    const limited = await build(3);
    try {
      const first = await limited.inject('/api/okrs');
      const headers = { 'if-none-match': first.headers.etag as string };
      expect((await limited.inject({ url: '/api/okrs', headers })).statusCode).toBe(304);
      expect((await limited.inject({ url: '/api/okrs', headers })).statusCode).toBe(304);
      const refused = await limited.inject({ url: '/api/okrs', headers });
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
