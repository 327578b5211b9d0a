/** What a browser gets: compressed script and JSON, hashed assets cached for good, index.html revalidated. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

// A script the size of a real bundle, repetitive enough to compress well.
const SCRIPT = Array.from({ length: 4000 }, (_, i) => `export const v${i} = ${i};`).join('\n');

describe('serving the dashboard and the API', () => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    const webRoot = mkdtempSync(join(tmpdir(), 'pulseboard-serving-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(
      join(webRoot, 'index.html'),
      `<!doctype html><title>SPA</title>${'<!-- -->'.repeat(300)}`,
    );
    writeFileSync(join(webRoot, 'assets', 'index-DuerXFa1.js'), SCRIPT);
    writeFileSync(join(webRoot, 'favicon.svg'), '<svg/>');
    app = await buildApp({ database, webRoot });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  test('a hashed script: brotli or gzip as asked, cached for a year as immutable', async () => {
    const br = await app.inject({
      url: '/assets/index-DuerXFa1.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(SCRIPT.length / 3);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await app.inject({
      url: '/assets/index-DuerXFa1.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await app.inject({ url: '/assets/index-DuerXFa1.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  test('index.html and client-side routes are revalidated on every load', async () => {
    for (const url of ['/', '/index.html', '/metrics/github.stars']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-encoding'], url).toBe('gzip');
    }
    // A file without a content hash in its name is not immutable.
    const icon = await app.inject('/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  test('API JSON is compressed too', async () => {
    const response = await app.inject({
      url: '/api/docs/json',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(response.rawPayload).toString()).openapi).toMatch(/^3\./);
  });
});
