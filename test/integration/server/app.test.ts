import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { buildApp } from '../../../server/app.js';
import { WEB_ROOT } from '../../helpers/dashboard.js';
import {
  createTestDatabase,
  DIALECTS,
  openTestDatabase,
  type OpenTestDatabase,
} from '../../helpers/databases.js';

describe.each(DIALECTS)('HTTP app on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    app = await buildApp({ database, webRoot: null });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  test('GET /api/health before any collection', async () => {
    const response = await app.inject('/api/health');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      status: 'ok',
      db: { status: 'ok', dialect },
      lastRun: null,
      sources: { github: null, discord: null, packages: null },
      failing: [],
      needsAction: [],
      warnings: [],
    });
  });

  test('GET /api/health reports the newest finished run', async () => {
    await database.db
      .insertInto('collection_run')
      .values([
        {
          id: 'a',
          source: 'github',
          started_at: '2026-03-01T10:00:00Z',
          finished_at: '2026-03-01T10:05:00Z',
          ok: 1,
          error: null,
          detail: null,
        },
        {
          id: 'b',
          source: 'discord',
          started_at: '2026-03-01T11:00:00Z',
          finished_at: '2026-03-01T11:00:02Z',
          ok: 0,
          error: 'Discord answered 401: check DISCORD_BOT_TOKEN',
          detail: null,
        },
        {
          id: 'c',
          source: 'github',
          started_at: '2026-03-01T12:00:00Z',
          finished_at: null,
          ok: null,
          error: null,
          detail: null,
        },
      ])
      .execute();
    const response = await app.inject('/api/health');
    expect(response.json().lastRun).toEqual({
      source: 'discord',
      finishedAt: '2026-03-01T11:00:02Z',
      ok: false,
      error: 'Discord answered 401: check DISCORD_BOT_TOKEN',
    });
    // Per source: GitHub's newest finished run, not the one still running.
    expect(response.json().sources.github).toEqual({
      source: 'github',
      finishedAt: '2026-03-01T10:05:00Z',
      ok: true,
      error: null,
    });
  });

  test('an unknown API route is a 404 in the error shape', async () => {
    const response = await app.inject('/api/nothing?x=1');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /api/nothing; see /api/docs.' },
    });
  });

  test('security headers: CSP without inline scripts, no sniffing, no framing', async () => {
    const response = await app.inject('/api/health');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test('every answer carries them: errors, unknown routes, the docs and the dashboard', async () => {
    for (const url of ['/api/health', '/api/nothing', '/api/okrs?bogus=1', '/api/docs', '/']) {
      const headers = (await app.inject(url)).headers;
      expect(headers['content-security-policy'], url).toContain("default-src 'self'");
      expect(headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(headers['referrer-policy'], url).toBe('no-referrer');
      // Plain http inside a network stays usable: no HSTS, no upgrade of requests.
      expect(headers['strict-transport-security'], url).toBeUndefined();
      expect(headers['content-security-policy'], url).not.toContain('upgrade-insecure-requests');
    }
  });

  test('OpenAPI description at /api/docs/json lists the routes; the UI at /api/docs', async () => {
    const spec = (await app.inject('/api/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/health');
    const ui = await app.inject('/api/docs');
    expect(ui.statusCode).toBeLessThan(400);
  });

  test('without a built dashboard, pages say how to build it', async () => {
    const response = await app.inject('/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build');
  });
});

describe('HTTP app edge cases', () => {
  let database: OpenTestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('the built dashboard is served, and client-side routes load its index.html', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'pulseboard-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Pulseboard SPA</title>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ database, webRoot });
    try {
      expect((await app.inject('/')).body).toContain('Pulseboard SPA');
      expect((await app.inject('/metrics/github.stars?range=90d')).body).toContain(
        'Pulseboard SPA',
      );
      const asset = await app.inject('/assets/app.js');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['content-type']).toContain('javascript');
      expect((await app.inject('/api/nothing')).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  test('over the rate limit, the API answers 429 in the error shape', async () => {
    const app = await buildApp({ database, webRoot: null, rateLimitPerMinute: 3 });
    try {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await app.inject('/api/health')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.inject('/api/health');
      expect(limited.json().error.code).toBe('rate_limited');
    } finally {
      await app.close();
    }
  });

  test('one budget per client: per IPv4 address, per IPv6 /64', async () => {
    const app = await buildApp({ database, webRoot: null, rateLimitPerMinute: 2 });
    try {
      const from = async (remoteAddress: string) =>
        (await app.inject({ url: '/api/health', remoteAddress })).statusCode;
      // Two addresses of one /64 share a budget; the next /64 and an IPv4 client have their own.
      expect([await from('2001:db8:0:1::a'), await from('2001:db8:0:1::b')]).toEqual([200, 200]);
      expect(await from('2001:db8:0:1:ffff::1')).toBe(429);
      expect(await from('2001:db8:0:2::a')).toBe(200);
      expect([await from('10.0.0.1'), await from('10.0.0.2')]).toEqual([200, 200]);
    } finally {
      await app.close();
    }
  });

  test('pages outside the API do not spend its budget; the 429 says when to retry', async () => {
    const app = await buildApp({ database, webRoot: null, rateLimitPerMinute: 2 });
    try {
      for (let i = 0; i < 5; i++)
        expect((await app.inject('/metrics/github.stars')).statusCode).toBe(200);
      const first = await app.inject('/api/health');
      // Allowed answers carry no counting headers (they cost more than the rest of a ready answer).
      expect(first.headers['x-ratelimit-remaining']).toBeUndefined();
      expect((await app.inject('/api/nothing')).statusCode).toBe(404);
      const limited = await app.inject('/api/okrs');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.headers['x-ratelimit-remaining']).toBe('0');
      expect(limited.headers['x-ratelimit-limit']).toBe('2');
      expect(limited.json().error.message).toMatch(/^Too many requests; try again in \d+ s\.$/);
      // The security headers are on the refusal too.
      expect(limited.headers['content-security-policy']).toContain("default-src 'self'");
    } finally {
      await app.close();
    }
  });

  test('the rendered overview spends the API budget it stands for; its other pages do not', async () => {
    const app = await buildApp({ database, webRoot: WEB_ROOT, rateLimitPerMinute: 2 });
    try {
      expect((await app.inject('/metrics')).statusCode).toBe(200);
      expect((await app.inject('/')).statusCode).toBe(200);
      expect((await app.inject('/')).statusCode).toBe(200);
      const limited = await app.inject('/');
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect((await app.inject('/metrics')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  test('a database that stops answering turns health into 503', async () => {
    const other = await createTestDatabase('sqlite');
    const broken = await openDatabase(other.location);
    await migrateToLatest(broken.db);
    const app = await buildApp({ database: broken, webRoot: null });
    try {
      await broken.close();
      const response = await app.inject('/api/health');
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'error', db: { status: 'unreachable' } });
    } finally {
      await app.close();
      await other.drop();
    }
  });
});
