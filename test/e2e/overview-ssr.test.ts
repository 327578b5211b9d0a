/**
 * The overview arrives rendered (server/overview-page.ts): its HTML, before any script runs, holds
 * the summary line and every key result's card; the script then takes those very nodes over
 * (hydration: no second fetch, no redraw), after which the page navigates and picks up a finished
 * pass like any other. The page's ETag moves with the rollups; without a rendered page (the server
 * could not make it) the SPA renders the overview itself.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { HealthResponse } from '../../server/schemas/health.js';
import type { OkrsResponse } from '../../server/schemas/okrs.js';
import { keyResultValue } from '../../shared/format.js';
import { statusSummary } from '../../web/src/lib/summary.js';
import {
  finishPassWithArr,
  OKRS,
  openDashboardDatabase,
  serve,
  SHOTS,
  dashboardInChromium,
} from '../helpers/dashboard.js';

const PHONE = { width: 390, height: 844 };
const DATA = /<script type="application\/json" id="pulseboard-data">(.*?)<\/script>/s;
const keyResults = (okrs: OkrsResponse) => okrs.objectives.flatMap((o) => o.keyResults);

describe('the overview rendered on the server', { timeout: 120_000 }, () => {
  const dashboard = dashboardInChromium(() => openDashboardDatabase(true));
  let okrs: OkrsResponse;

  beforeAll(async () => {
    okrs = (await (await fetch(`${dashboard.url}/api/okrs`)).json()) as OkrsResponse;
  });

  test('the HTML as served holds the summary line, every card and their data; the CSP holds', async () => {
    const response = await fetch(`${dashboard.url}/`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const html = await response.text();
    const summary = statusSummary(keyResults(okrs).map((k) => k.status));
    expect(html).toMatch(
      new RegExp(
        `<p class="summary[^"]*" data-testid="summary">${summary.replace('.', '\\.')}</p>`,
      ),
    );
    for (const k of keyResults(okrs)) {
      const card = new RegExp(`<a class="card[^"]*" href="[^"]+" data-kr="${k.id}">.*?</a>`, 's');
      const markup = card.exec(html)?.[0] ?? '';
      expect(markup, k.id).toContain(`<h3 class="svelte-`);
      expect(markup, k.id).toContain(`data-status="${k.status}"`);
      if (k.current !== null) expect(markup, k.id).toContain(keyResultValue(k, k.current));
    }
    // The answers ride along for the script, so it fetches neither; nor does a preload.
    const data = JSON.parse(DATA.exec(html)![1]!) as { okrs: OkrsResponse; health: HealthResponse };
    expect(data.okrs).toEqual(okrs);
    expect(data.health.status).toBe('ok');
    expect(html).not.toMatch(/rel="preload" href="\/api\//);
    expect(html).toContain('<title>Overview · InfraGenius · Pulseboard</title>');
    // Scripts stay `'self'`: the only inline script element is data, which no browser runs.
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual([
      expect.stringMatching(/^type="module" crossorigin src="\/assets\/index-[\w-]+\.js"$/),
      'type="application/json" id="pulseboard-data"',
    ]);
    // A query on `/` is still the overview; other pages are the plain SPA, which renders itself.
    await expect((await fetch(`${dashboard.url}/?ref=digest#main`)).text()).resolves.toContain(
      'data-testid="summary"',
    );
    const metrics = await (await fetch(`${dashboard.url}/metrics`)).text();
    expect(metrics).toContain('<div id="app"></div>');
    expect(metrics).not.toContain('pulseboard-data');
    // The script the page names is hashed and cached for good.
    const script = /src="(\/assets\/index-[\w-]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${dashboard.url}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  test('with JavaScript off, a phone shows the summary line and every card', async () => {
    const context = await dashboard.browser.newContext({
      viewport: PHONE,
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${dashboard.url}/`);
    const summary = page.getByTestId('summary');
    await expect(summary.isVisible()).resolves.toBe(true);
    await expect(summary.textContent()).resolves.toBe(
      statusSummary(keyResults(okrs).map((k) => k.status)),
    );
    await expect(page.locator('[data-kr]').count()).resolves.toBe(keyResults(okrs).length);
    const stars = keyResults(okrs).find((k) => k.id === 'stars')!;
    await expect(page.locator('[data-kr="stars"] .current').textContent()).resolves.toBe(
      keyResultValue(stars, stars.current),
    );
    await expect(page.locator('[data-kr="stars"] svg').count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}overview-no-script-phone.png`, fullPage: true });
    await context.close();
  });

  test('the script takes the served nodes over without fetching, and the page then navigates', async () => {
    // The server writes instants in its own zone; the reader's own replaces them as it hydrates.
    const context = await dashboard.browser.newContext({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      timezoneId: 'Asia/Tokyo',
    });
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && messages.push(m.text()));
    page.on('pageerror', (e) => messages.push(e.message));
    const apiReads: string[] = [];
    page.on(
      'request',
      (r) => new URL(r.url()).pathname.startsWith('/api/') && apiReads.push(r.url()),
    );
    // The summary as parsed from the HTML, before the module script runs (it runs after this state).
    await page.addInitScript(() => {
      document.addEventListener('readystatechange', () => {
        if (document.readyState !== 'interactive') return;
        const w = window as unknown as { __served: Element | null; __card: Element | null };
        w.__served = document.querySelector('[data-testid=summary]');
        w.__card = document.querySelector('[data-kr="stars"]');
      });
    });
    await page.goto(`${dashboard.url}/`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    const same = await page.evaluate(() => {
      const w = window as unknown as { __served: Element | null; __card: Element | null };
      return [
        w.__served !== null && w.__served === document.querySelector('[data-testid=summary]'),
        w.__card !== null && w.__card === document.querySelector('[data-kr="stars"]'),
        document.querySelectorAll('[data-testid=summary], [data-kr="stars"]').length === 2,
      ];
    });
    expect(same).toEqual([true, true, true]);
    expect(apiReads).toEqual([]);
    const health = (await (await fetch(`${dashboard.url}/api/health`)).json()) as HealthResponse;
    const tokyo = new Intl.DateTimeFormat('en', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(health.sources.github!.finishedAt));
    await expect(page.getByTestId('source-status').textContent()).resolves.toContain(
      `collected ${tokyo}`,
    );

    // Interactive: the router handles the link (no page load: the window's marker survives).
    await page.evaluate(() => ((window as unknown as { __stay: boolean }).__stay = true));
    await page.click('nav >> text=Metrics');
    await page.waitForURL(/\/metrics$/);
    await page.waitForSelector('[data-metric]');
    await expect(
      page.evaluate(() => (window as unknown as { __stay?: boolean }).__stay),
    ).resolves.toBe(true);
    // Back on the overview, drawn by the browser this time, from a fresh answer.
    await page.goBack();
    await page.waitForSelector('[data-kr="stars"]');
    expect(apiReads.some((r) => r.endsWith('/api/okrs'))).toBe(true);
    expect(messages).toEqual([]);
    await context.close();
  });

  test('a finished pass updates the hydrated page, and the served page with its ETag', async () => {
    const empty = await openDashboardDatabase(false);
    const served = await serve(empty, OKRS);
    try {
      const before = await fetch(`${served.url}/`);
      const etag = before.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const unchanged = await fetch(`${served.url}/`, { headers: { 'if-none-match': etag } });
      expect(unchanged.status).toBe(304);

      const context = await dashboard.browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(`${served.url}/`);
      await expect(page.locator('[data-kr="arr"]').textContent()).resolves.toContain(
        'No value recorded yet',
      );
      await finishPassWithArr(empty);
      await page.clock.fastForward(31_000);
      await expect
        .poll(() => page.locator('[data-kr="arr"] .current').textContent(), { timeout: 5000 })
        .toBe('$120,000');
      await context.close();

      const after = await fetch(`${served.url}/`, { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
      expect(after.headers.get('etag')).not.toBe(etag);
      const html = await after.text();
      expect(html).toMatch(/<span class="current[^"]*">\$120,000<\/span>/);
    } finally {
      await served.app.close();
      await empty.close();
    }
  });

  test('when the server cannot render the overview, the SPA does, and says what failed', async () => {
    const broken = await openDashboardDatabase(false);
    const served = await serve(broken, OKRS);
    try {
      await broken.close(); // every read fails from now on: the page, /api/okrs, /api/health
      const response = await fetch(`${served.url}/`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<div id="app"></div>');
      expect(html).toContain('rel="preload" href="/api/okrs"');
      const page = await dashboard.browser.newPage();
      await page.goto(`${served.url}/`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toContain('Cannot load the key results');
      await page.close();
    } finally {
      await served.app.close();
    }
  });
});
