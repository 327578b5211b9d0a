/**
 * Badges and charts as a README shows them: <img> tags on another origin, rendered by Chromium.
 * Screenshots land in e2e/screenshots/ (badges.png) to be looked at.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../server/app.js';
import { textWidth } from '../../server/badges/text-width.js';
import { launchChromium } from '../../bench/browser.js';
import { openTestDatabase, type OpenTestDatabase } from '../helpers/databases.js';
import { BADGE_NOW as NOW, BADGE_OKRS, seedBadgeData } from '../helpers/badges.js';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const IMAGES = [
  '/api/badges/kr/arr.svg',
  '/api/badges/kr/downloads.svg',
  '/api/badges/metric/manual.arr.svg',
  '/api/badges/metric/github.stars.svg',
  '/api/charts/metric/manual.arr.svg?range=1y',
  '/api/charts/metric/manual.downloads.svg?range=90d',
  '/api/charts/metric/github.stars.svg',
];

describe('badges and charts in Chromium', () => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await openTestDatabase('sqlite');
    await seedBadgeData(database.db);
    app = await buildApp({
      database,
      webRoot: null,
      now: () => NOW,
      settings: { project: 'Test', timezone: 'UTC', okrs: BADGE_OKRS, adminToken: null },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 820, height: 760 } });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  test('every SVG parses as XML and loads as an image on another origin', async () => {
    for (const path of IMAGES) {
      const body = await (await fetch(base + path)).text();
      const error = await page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const failure = doc.querySelector('parsererror');
        return failure ? failure.textContent : doc.documentElement.nodeName;
      }, body);
      expect(error, path).toBe('svg');
    }
    const html = `<!doctype html><body style="margin:16px;font-family:sans-serif">
      <h3>README embeds</h3>
      ${IMAGES.map((p) => `<p><img alt="${p}" src="${base}${p}"></p>`).join('\n')}
    </body>`;
    await page.setContent(html, { waitUntil: 'load' });
    const sizes = await page.$$eval('img', (imgs) =>
      imgs.map((img) => ({ src: img.src, w: img.naturalWidth, h: img.naturalHeight })),
    );
    for (const size of sizes) expect(size.w, size.src).toBeGreaterThan(40);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}badges.png`, fullPage: true });
  });

  test('badge text fits its box: the width estimate is near the font, and textLength holds it', async () => {
    const body = await (await fetch(`${base}/api/badges/kr/arr.svg`)).text();
    await page.setContent(`<!doctype html><body>${body}</body>`);
    const measured = await page.$$eval('text:not([aria-hidden])', (texts) =>
      texts.map((t) => {
        const svgText = t as SVGTextElement;
        const fitted = svgText.getBBox().width / 10;
        const copy = svgText.cloneNode(true) as SVGTextElement;
        copy.removeAttribute('textLength');
        svgText.parentNode!.appendChild(copy);
        return { text: svgText.textContent!, fitted, natural: copy.getComputedTextLength() / 10 };
      }),
    );
    expect(measured).toHaveLength(2);
    for (const m of measured) {
      // The estimate is Verdana's; Chromium here falls back to DejaVu Sans, a close relative.
      expect(m.natural / textWidth(m.text), m.text).toBeGreaterThan(0.85);
      expect(m.natural / textWidth(m.text), m.text).toBeLessThan(1.2);
      expect(Math.abs(m.fitted - textWidth(m.text)), m.text).toBeLessThan(1.5);
    }
  });
});
