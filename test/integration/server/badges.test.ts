import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { buildApp } from '../../../server/app.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { BADGE_NOW as NOW, BADGE_OKRS, seedBadgeData } from '../../helpers/badges.js';

describe.each(DIALECTS)('badges and charts on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await seedBadgeData(database.db);
    app = await buildApp({
      database,
      webRoot: null,
      now: () => NOW,
      settings: { project: 'Test', timezone: 'UTC', okrs: BADGE_OKRS, adminToken: null },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const routes = [
    '/api/badges/kr/arr.svg',
    '/api/badges/kr/downloads.svg',
    '/api/badges/metric/manual.arr.svg',
    '/api/badges/metric/github.stars.svg',
    '/api/charts/metric/manual.arr.svg',
    '/api/charts/metric/manual.arr.svg?range=30d',
    '/api/charts/metric/manual.downloads.svg?range=2y',
  ];

  test.each(routes)('%s is an SVG with an ETag, cacheable, embeddable elsewhere', async (url) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers.etag).toMatch(/^"[\w-]{20,}"$/);
    expect(response.body).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>.*<\/svg>$/s,
    );
    expect(response.body).not.toMatch(/<script|href=|https?:\/\/(?!www\.w3\.org)/);
  });

  test.each(routes)('%s answers 304 to its own ETag, 200 to another', async (url) => {
    const first = await app.inject(url);
    const again = await app.inject({ url, headers: { 'if-none-match': first.headers.etag! } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    const weakList = await app.inject({
      url,
      headers: { 'if-none-match': `"other", W/${first.headers.etag!}` },
    });
    expect(weakList.statusCode).toBe(304);
    const stale = await app.inject({ url, headers: { 'if-none-match': '"stale"' } });
    expect(stale.statusCode).toBe(200);
  });

  test('a hostile key-result label is escaped everywhere in the badge', async () => {
    const badge = (await app.inject('/api/badges/kr/arr.svg')).body;
    expect(badge).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &apos;it&apos;',
    );
    expect(badge).not.toContain('<script');
    expect(badge).toContain('$1,364 · off track');
    expect(badge).toContain('fill="#fe7d37"');
  });

  test('colour follows the status; a metric without data says so in grey', async () => {
    expect((await app.inject('/api/badges/kr/downloads.svg')).body).toContain('fill="#44cc11"');
    expect((await app.inject('/api/badges/kr/downloads.svg')).body).toContain('120 · achieved');
    const stars = (await app.inject('/api/badges/metric/github.stars.svg')).body;
    expect(stars).toContain('>no data<');
    expect(stars).toContain('fill="#9f9f9f"');
  });

  test('the chart draws the target line of the key result that tracks the metric', async () => {
    const chart = (await app.inject('/api/charts/metric/manual.arr.svg')).body;
    expect(chart).toContain('stroke-dasharray');
    expect(chart).toContain('target ≥ $2,000');
    expect(chart).toMatch(/<path d="M[\d.,]+(L[\d.,]+){300,}"/);
    const stars = (await app.inject('/api/charts/metric/github.stars.svg')).body;
    expect(stars).toContain('No data yet');
  });

  test.each([
    ['/api/badges/kr/nope.svg', 404, 'not_found'],
    ['/api/badges/metric/github.starz.svg', 404, 'not_found'],
    ['/api/badges/metric/manual.never-recorded.svg', 404, 'not_found'],
    ['/api/charts/metric/nope.svg', 404, 'not_found'],
    ['/api/charts/metric/manual.arr.svg?range=7y', 400, 'bad_request'],
    ['/api/charts/metric/manual.arr.svg?colour=red', 400, 'bad_request'],
  ])('%s → %i JSON', async (url, status, code) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json().error.code).toBe(code);
  });

  test("badges and /api/okrs share the evaluation, not each other's cached answers", async () => {
    const fresh = await buildApp({
      database,
      webRoot: null,
      now: () => NOW,
      settings: { project: 'Test', timezone: 'UTC', okrs: BADGE_OKRS, adminToken: null },
    });
    try {
      // A badge first, then the JSON answer, then a badge again: each still gets its own kind.
      expect((await fresh.inject('/api/badges/kr/arr.svg')).statusCode).toBe(200);
      const okrs = await fresh.inject('/api/okrs');
      expect(okrs.statusCode).toBe(200);
      expect(okrs.json().objectives.length).toBeGreaterThan(0);
      const badge = await fresh.inject('/api/badges/kr/downloads.svg');
      expect(badge.statusCode).toBe(200);
      expect(badge.headers['content-type']).toMatch(/^image\/svg/);
      // The same for the metrics: a metric badge, the JSON list, a metric badge again.
      expect((await fresh.inject('/api/badges/metric/manual.arr.svg')).statusCode).toBe(200);
      const metrics = await fresh.inject('/api/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.json().length).toBeGreaterThan(0);
      const metricBadge = await fresh.inject('/api/badges/metric/github.stars.svg');
      expect(metricBadge.statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  test('a new rollup version changes the badge and its ETag', async () => {
    const before = await app.inject('/api/badges/kr/arr.svg');
    await upsertManualValue(database.db, {
      metric: 'manual.arr',
      at: '2026-11-01',
      value: 2500,
      recorded_at: NOW.toISOString(),
      source: 'cli',
    });
    await refreshDailyMetrics(database.db, 'UTC', NOW);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the cache reads the version once a second
    const after = await app.inject({
      url: '/api/badges/kr/arr.svg',
      headers: { 'if-none-match': before.headers.etag! },
    });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('$2,500 · achieved');
  });
});
