import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { seeded } from '../../../demo/random.js';
import { buildApp } from '../../../server/app.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

const ADMIN = 'fuzz-admin-token';
const COUNT = 1500;

/** Seeded malformed requests against every route: params, query strings, bodies and headers. */
function* requests(seed: number): Generator<InjectOptions> {
  const r = seeded(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
  const junk = () =>
    pick([
      '',
      ' ',
      '%',
      '%%',
      '%ZZ',
      '../../etc/passwd',
      '<script>alert(1)</script>',
      "' OR 1=1 --",
      '\u0000',
      '😀',
      'a'.repeat(5000),
      '-1',
      '1e309',
      'NaN',
      'null',
      '[]',
      '{}',
      '2026-02-30',
      '9999-99-99',
      '2026-13-01',
      '0001-01-01',
      '2026-1-1',
      'day',
      'week',
      'month',
      'hour',
      'owner/',
      '/name',
      'a/b',
      'x'.repeat(300) + '/y',
      'github.stars',
      'manual.arr',
      'manual.',
      'discord.members',
      'unknown.metric',
      '__proto__',
      'constructor',
    ]);
  const query = () =>
    Array.from(
      { length: Math.floor(r() * 4) },
      () =>
        `${encodeURIComponent(pick(['from', 'to', 'interval', 'repo', 'limit', 'x', '__proto__', junk()]))}=${encodeURIComponent(junk())}`,
    ).join('&');
  const body = () =>
    pick<unknown>([
      '{',
      '{"value":',
      'not json',
      '[]',
      '""',
      'null',
      JSON.stringify({ value: junk() }),
      '{"value": 1e309}',
      JSON.stringify({ value: 5, at: junk() }),
      JSON.stringify({ value: 5, extra: true }),
      JSON.stringify({ at: '2026-01-01' }),
      JSON.stringify({ value: [1] }),
      JSON.stringify({ value: { a: 1 } }),
      'x'.repeat(2_000_000),
    ]);
  const headers = () =>
    pick<Record<string, string>>([
      {},
      { authorization: 'Bearer' },
      { authorization: `Bearer ${ADMIN}` },
      { authorization: `Basic ${ADMIN}` },
      { authorization: 'Bearer wrong' },
      { 'content-type': 'application/json' },
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/json; charset=utf-16' },
      { 'content-type': 'multipart/form-data' },
      { accept: 'text/html' },
      { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    ]);
  for (let i = 0; i < COUNT; i++) {
    const kind = pick([
      'health',
      'okrs',
      'metrics',
      'series',
      'post-metric',
      'collect',
      'report',
      'runs',
      'repos',
      'random',
    ]);
    const q = query();
    const path = {
      health: '/api/health',
      okrs: '/api/okrs',
      metrics: '/api/metrics',
      series: `/api/metrics/${encodeURIComponent(junk())}/series`,
      'post-metric': `/api/metrics/${encodeURIComponent(junk())}`,
      collect: '/api/collect',
      report: `/api/report.${encodeURIComponent(junk())}`,
      runs: '/api/runs',
      repos: '/api/repos',
      random: `/api/${encodeURIComponent(junk())}`,
    }[kind];
    const method =
      kind === 'post-metric' || kind === 'collect'
        ? 'POST'
        : pick(['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'PATCH']);
    const hasBody = method !== 'GET' && method !== 'DELETE';
    yield {
      method: method as InjectOptions['method'],
      url: q ? `${path}?${q}` : path,
      headers: {
        ...headers(),
        ...(hasBody && r() < 0.7 ? { 'content-type': 'application/json' } : {}),
      },
      ...(hasBody ? { payload: body() as string } : {}),
    };
  }
}

describe.each(DIALECTS)('API fuzz on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await refreshDailyMetrics(database.db, 'UTC', new Date());
    app = await buildApp({
      database,
      webRoot: null,
      rateLimitPerMinute: false,
      settings: { project: 'Fuzz', timezone: 'UTC', okrs: [], adminToken: ADMIN },
      collect: async () => 'busy',
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  test(`${COUNT} malformed requests: never a 5xx, every error in the {error: {code, message}} shape`, async () => {
    const failures: string[] = [];
    let errors = 0;
    for (const request of requests(20261122)) {
      const response = await app.inject(request);
      const label = `${request.method} ${String(request.url).slice(0, 120)}`;
      if (response.statusCode >= 500 && response.statusCode !== 503)
        failures.push(`${label} → ${response.statusCode} ${response.body.slice(0, 200)}`);
      if (response.statusCode >= 400) {
        errors++;
        const body = response.json() as { error?: { code?: unknown; message?: unknown } };
        if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string')
          failures.push(
            `${label} → ${response.statusCode} not in the error shape: ${response.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(errors).toBeGreaterThan(COUNT / 2); // they really were malformed
  }, 120_000);
});
