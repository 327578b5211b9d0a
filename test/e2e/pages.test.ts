/**
 * The pages added for browsing (Metrics, Waiting), charts that read right, live refresh, the
 * overview's summary, phone widths, and axe on every page in light and dark, desktop and phone.
 */
import { createRequire } from 'node:module';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { MetricsResponse } from '../../server/schemas/metrics.js';
import type { OkrsResponse } from '../../server/schemas/okrs.js';
import type { WaitingResponse } from '../../server/schemas/waiting.js';
import { collectionSourceOf, noValueText } from '../../shared/format.js';
import { measureOverviewVitals } from '../../bench/spa.js';
import {
  finishPassWithArr,
  NOW,
  OKRS,
  openDashboardDatabase,
  serve,
  SHOTS,
  dashboardInChromium,
} from '../helpers/dashboard.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const TITLE = ' · InfraGenius · Pulseboard';
type Errors = Page & { errors: string[]; fetched: string[] };

// A loaded 2-core machine takes seconds per page; the budget is generous, the checks are not.
describe('dashboard pages in Chromium', { timeout: 180_000 }, () => {
  const dashboard = dashboardInChromium(() => openDashboardDatabase(true));

  async function open(path: string, options: BrowserContextOptions = {}, base = dashboard.url) {
    const context = await dashboard.browser.newContext({ viewport: DESKTOP, ...options });
    const page = (await context.newPage()) as Errors;
    page.errors = [];
    page.fetched = [];
    page.on('request', (r) => page.fetched.push(new URL(r.url()).pathname));
    page.on('pageerror', (e) => page.errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()));
    await page.goto(`${base}${path}`);
    return page;
  }
  const close = (page: Page) => page.context().close();

  test('Metrics lists every catalog metric by area, each linking to its detail', async () => {
    const metrics = (await (await fetch(`${dashboard.url}/api/metrics`)).json()) as MetricsResponse;
    expect(metrics.length).toBeGreaterThanOrEqual(18);
    const page = await open('/');
    await page.click('nav >> text=Metrics');
    await page.waitForURL(/\/metrics$/);
    await page.waitForSelector('[data-metric]');
    await expect(page.locator('[data-area] h2').allTextContents()).resolves.toEqual([
      'Growth',
      'Contributors',
      'Responsiveness',
      'Community',
      'Downloads',
    ]);
    expect(metrics.some((m) => m.current !== null && m.change7d === null)).toBe(true);
    // One collection is one reading of the release download counts: no daily figure yet.
    expect(metrics.find((m) => m.id === 'github.releases.downloads')?.current).toBeNull();
    for (const m of metrics) {
      const row = page.locator(`[data-area="${m.area}"] [data-metric="${m.id}"]`);
      await expect(row.locator('a').getAttribute('href')).resolves.toBe(
        `/metrics/${encodeURIComponent(m.id)}`,
      );
      // The fixture collects GitHub and Discord only: package downloads wait for their first pass;
      // release downloads, a daily figure from two days' readings, for the next day's (not "0").
      if (m.current === null)
        await expect(row.textContent()).resolves.toContain(
          noValueText(m, ['github', 'discord'].includes(collectionSourceOf(m.id))),
        );
      // A history shorter than a week (one Discord reading) says when it starts, not "7 days: —".
      else if (m.change7d === null)
        await expect(row.getByTestId('history').textContent()).resolves.toMatch(
          /^history from [A-Z][a-z]{2} \d+$/,
        );
      else await expect(row.locator('dd').count()).resolves.toBe(2);
    }
    // Bus factor was only reachable by typing its URL before.
    await page.click('[data-metric="github.bus_factor"] a');
    await page.waitForURL(/\/metrics\/github\.bus_factor$/);
    await page.locator('[data-datasets]').waitFor();
    expect(page.errors).toEqual([]);
    await close(page);
  });

  test('a mistyped metric URL says there is no such metric and suggests the one meant', async () => {
    const page = await open('/metrics/github.star', { viewport: { width: 1440, height: 900 } });
    const missing = page.getByTestId('unknown-metric');
    await missing.waitFor();
    await expect(missing.locator('h1').textContent()).resolves.toBe('No metric called github.star');
    const suggestion = missing.getByRole('link', { name: 'GitHub stars' });
    await expect(suggestion.getAttribute('href')).resolves.toBe('/metrics/github.stars');
    await expect(missing.locator('a[href="/metrics"]').count()).resolves.toBe(1);
    await expect(page.title()).resolves.toBe(`Page not found${TITLE}`);
    // Nothing to control, retry or fetch: no controls, no error box, no series request (a 400).
    await expect(page.getByRole('button', { name: 'Try again' }).count()).resolves.toBe(0);
    await expect(page.locator('select[name=range], [role=alert]').count()).resolves.toBe(0);
    expect(page.fetched.filter((p) => p.endsWith('/series'))).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.screenshot({ path: `${SHOTS}unknown-metric-desktop.png` });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}unknown-metric-phone.png` });
    // The suggestion opens the metric, and the tab names it.
    await suggestion.click();
    await page.waitForURL(/\/metrics\/github\.stars$/);
    await page.locator('[data-datasets]').waitFor();
    await expect(page.title()).resolves.toBe(`GitHub stars${TITLE}`);
    await close(page);
  });

  test('a manual metric a key result tracks is a metric before its first value', async () => {
    const page = await open('/metrics/manual.arr');
    await page.getByTestId('empty').waitFor();
    await expect(page.getByTestId('unknown-metric').count()).resolves.toBe(0);
    await expect(page.locator('select[name=range]').count()).resolves.toBe(1);
    await close(page);
  });

  test('each page names itself first in the tab title', async () => {
    const page = await open('/');
    await expect(page.title()).resolves.toBe(`Overview${TITLE}`); // as served
    for (const name of ['Metrics', 'Waiting', 'Collection', 'Overview']) {
      await page.click(`nav >> text=${name}`);
      await expect.poll(() => page.title()).toBe(`${name}${TITLE}`);
    }
    await page.click('[data-kr="merge-time"]');
    await expect.poll(() => page.title()).toBe(`PR merge time (median)${TITLE}`);
    await page.click('text=← Metrics');
    await expect.poll(() => page.title()).toBe(`Metrics${TITLE}`);
    await page.goto(`${dashboard.url}/no/such/page`);
    await expect.poll(() => page.title()).toBe(`Page not found${TITLE}`);
    expect(page.errors).toEqual([]);
    await close(page);
  });

  test('durations read in one unit on the card, the axis, the tooltip and the table', async () => {
    const page = await open('/');
    const card = await page.locator('[data-kr="merge-time"] .current').textContent();
    const suffix = card!.trim().endsWith(' d') ? 'd' : 'h';
    await page.click('[data-kr="merge-time"]');
    const chart = page.locator('[data-datasets]');
    await chart.waitFor();
    await expect(chart.getAttribute('data-y-title')).resolves.toBe(
      suffix === 'd' ? 'Days' : 'Hours',
    );
    await page.click('text=Show table');
    const cells = await page.locator('tbody td:nth-child(2)').allTextContents();
    expect(cells.filter((c) => c !== '—').every((c) => c.endsWith(` ${suffix}`))).toBe(true);
    await close(page);
  });

  test('counts per period are weekly bars; the running week is marked as unfinished', async () => {
    const page = await open('/metrics/github.prs.opened');
    const chart = page.locator('[data-datasets]');
    await chart.waitFor();
    await expect(chart.getAttribute('data-type')).resolves.toBe('bar');
    await expect(page.locator('select[name=interval]').inputValue()).resolves.toBe('week');
    await expect(page.getByTestId('running').textContent()).resolves.toMatch(
      /^Week of .+ is still running/,
    );
    // Releases are thin markers; the note counts them and names the latest.
    const series = (await (
      await fetch(`${dashboard.url}/api/metrics/github.prs.opened/series?interval=week`)
    ).json()) as { releases: { repo: string; tag: string }[] };
    const tags = (await chart.getAttribute('data-releases'))!.split('|').filter(Boolean);
    expect(tags.length).toBeGreaterThan(0);
    const known = new Set(series.releases.map((r) => r.tag));
    expect(tags.every((t) => known.has(t.split(' ').at(-1)!))).toBe(true);
    await expect(page.getByTestId('releases').textContent()).resolves.toContain(
      `${tags.length === 1 ? '1 release' : `${tags.length} releases`} in this range, the latest ${tags.at(-1)}`,
    );
    await page.screenshot({ path: `${SHOTS}bars-desktop.png` });
    // Months are labelled by the month, and the running one says "so far".
    await page.selectOption('select[name=interval]', 'month');
    await page.click('text=Show table');
    const periods = await page.locator('tbody td:first-child').allTextContents();
    expect(periods[0]).toMatch(/^[A-Z][a-z]{2} \d{4} \(so far\)$/);
    expect(periods[1]).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
    await close(page);
  });

  test('a metric with one value shows it and says when it was first seen', async () => {
    const page = await open('/metrics/discord.online');
    await page.locator('[data-datasets]').waitFor();
    await expect(page.getByTestId('first-value').textContent()).resolves.toMatch(
      /First value on [A-Z][a-z]{2} \d+, \d{4}: \d/,
    );
    await close(page);
  });

  test('repositories compare on one chart; one repository is explicit about targets', async () => {
    const repos = (await (await fetch(`${dashboard.url}/api/repos`)).json()) as {
      fullName: string;
    }[];
    const page = await open('/metrics/github.stars?kr=stars');
    await page.locator('select[name=repo]').waitFor();
    await page.selectOption('select[name=repo]', 'compare');
    await page.waitForURL(/repo=compare/);
    const chart = page.locator('[data-datasets]');
    await expect
      .poll(() => chart.getAttribute('data-datasets'), { timeout: 20_000 })
      .toBe(repos.map((r) => r.fullName).join('|'));
    await page.screenshot({ path: `${SHOTS}compare-desktop.png` });
    await page.selectOption('select[name=repo]', repos[0]!.fullName);
    const summary = page.getByTestId('repo-summary');
    await expect(summary.textContent()).resolves.toContain(repos[0]!.fullName);
    await expect(summary.textContent()).resolves.toContain(
      'targets apply to all repositories together',
    );
    await expect
      .poll(() => chart.getAttribute('data-datasets'), { timeout: 20_000 })
      .not.toContain('Target');
    await close(page);
  });

  test('quarter presets, a custom range and the previous period live in the URL', async () => {
    const page = await open('/metrics/github.stars');
    await page.locator('[data-datasets]').waitFor();
    const quarter = `${NOW.getUTCFullYear()}Q${Math.floor(NOW.getUTCMonth() / 3) + 1}`;
    await page.selectOption('select[name=range]', quarter);
    await page.waitForURL(new RegExp(`range=${quarter}`));
    await expect(page.locator('[data-datasets]').getAttribute('aria-label')).resolves.toContain(
      quarter.replace('Q', ' Q'),
    );
    await page.check('input[name=prev]');
    await page.waitForURL(/prev=1/);
    await expect
      .poll(() => page.locator('[data-datasets]').getAttribute('data-datasets'), {
        timeout: 20_000,
      })
      .toContain('Previous period');
    await page.selectOption('select[name=range]', 'custom');
    await page.fill('input[name=from]', `${NOW.getUTCFullYear()}-01-01`);
    await page.locator('input[name=from]').dispatchEvent('change');
    await page.waitForURL(new RegExp(`from=${NOW.getUTCFullYear()}-01-01`));
    // The same link opens the same view.
    const shared = await open(page.url().replace(dashboard.url, ''));
    await shared.locator('[data-datasets]').waitFor();
    await expect(shared.locator('select[name=range]').inputValue()).resolves.toBe('custom');
    await expect(shared.locator('input[name=prev]').isChecked()).resolves.toBe(true);
    await close(page);
    await close(shared);
  });

  test('the overview leads with a summary, periods, the pace in words, and honest empty cards', async () => {
    const page = await open('/');
    await expect(page.getByTestId('summary').textContent()).resolves.toMatch(
      /^\d of 5 key results achieved or on track(, \d [a-z ]+)*\.$/,
    );
    await expect(page.getByTestId('summary').textContent()).resolves.toContain(
      '1 waiting for data',
    );
    await expect(page.getByTestId('period').first().textContent()).resolves.toMatch(
      /^Jan 1, \d{4} – Dec 31, \d{4}$/,
    );
    await expect(
      page.locator('[data-kr="stars"] [data-testid=pace]').textContent(),
    ).resolves.toMatch(
      /^\d+% of the way from [\d,]+ \(baseline\) to 3,000; a steady pace would be at \d+% today \(the tick\), so (ahead of|on|behind) pace\.$/,
    );
    // An achieved key result says since when it is met, not a pace, odds or an ETA that repeat it.
    const okrs = (await (await fetch(`${dashboard.url}/api/okrs`)).json()) as OkrsResponse;
    const achieved = okrs.objectives
      .flatMap((o) => o.keyResults)
      .filter((k) => k.status === 'achieved' && !k.periods);
    expect(achieved.map((k) => k.id)).toContain('merge-time');
    for (const k of achieved) {
      const card = page.locator(`[data-kr="${k.id}"]`);
      await expect(card.getByTestId('met').textContent(), k.id).resolves.toMatch(
        /^Target met (since [A-Z][a-z]{2} \d{1,2}, \d{4}|on every day of the last \d+ days)\.$/,
      );
      const text = await card.textContent();
      expect(text, k.id).not.toMatch(/likely|pace|ETA|reached/);
    }
    // A standing target shows the last week's change where the cards with a deadline show a forecast.
    await expect(
      page.locator('[data-kr="merge-time"] [data-testid=week-change]').textContent(),
    ).resolves.toMatch(/^([+−]\d[\d.,]* [hd]|±0)$/);
    // A manual key result is never collected: the card names the command that records it.
    const arr = await page.locator('[data-kr="arr"]').textContent();
    expect(arr).toContain('No value recorded yet: pulseboard record manual.arr VALUE');
    expect(arr).not.toContain('not on the current trend');
    await expect(page.locator('[data-kr="stars"]').getAttribute('href')).resolves.toBe(
      '/metrics/github.stars?kr=stars',
    );
    await close(page);
  });

  test('Waiting lists issues and PRs without a first response, oldest first, linked to GitHub', async () => {
    const api = (await (await fetch(`${dashboard.url}/api/waiting`)).json()) as WaitingResponse;
    expect(api.items.length).toBeGreaterThan(0);
    const page = await open('/waiting');
    await page.waitForSelector('ol li');
    const links = await page
      .locator('ol li a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toEqual(api.items.map((i) => i.url));
    expect(links[0]).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+\/(issues|pull)\/\d+$/);
    const created = api.items.map((i) => i.createdAt);
    expect(created).toEqual([...created].sort());
    await expect(page.getByTestId('waiting-totals').textContent()).resolves.toContain(
      `${api.totals.issues} issue`,
    );
    // Fewer than a page wait here: the page says it lists them all (waiting.test.ts pages a long list).
    expect(api.matching).toBe(api.totals.issues + api.totals.pullRequests);
    expect(api.matching).toBeLessThan(100);
    await expect(page.getByTestId('waiting-shown').textContent()).resolves.toBe(
      `Showing all ${api.matching} waiting items, oldest first.`,
    );
    await expect(page.getByTestId('waiting-more').count()).resolves.toBe(0);
    await close(page);
  });

  test('the dashboard picks up a finished pass without a reload', async () => {
    const empty = await openDashboardDatabase(false);
    const served = await serve(empty, OKRS);
    try {
      const context = await dashboard.browser.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      await page.clock.install();
      await page.goto(served.url);
      await page.waitForSelector('[data-kr="arr"]');
      await expect(page.getByTestId('source-status').textContent()).resolves.toContain(
        'Not collected yet',
      );
      await finishPassWithArr(empty);
      await page.clock.fastForward(31_000);
      await expect
        .poll(() => page.locator('[data-kr="arr"] .current').textContent(), { timeout: 5000 })
        .toBe('$120,000');
      await expect(page.locator('[data-source="github"]').textContent()).resolves.toContain(
        'GitHub: collected',
      );
      await context.close();
    } finally {
      await served.app.close();
      await empty.close();
    }
  });

  const PAGES = [
    ['overview', '/', '[data-kr]'],
    ['metrics', '/metrics', '[data-metric]'],
    ['detail', '/metrics/github.stars?kr=stars', '[data-datasets]'],
    ['bars', '/metrics/github.issues.opened', '[data-datasets]'],
    ['unknown', '/metrics/github.star', '[data-testid=unknown-metric]'],
    ['waiting', '/waiting', 'ol li'],
    ['collection', '/collection', 'tbody tr'],
  ] as const;
  const VARIANTS = [
    ['desktop', 'light', DESKTOP],
    ['desktop', 'dark', DESKTOP],
    ['phone', 'light', PHONE],
    ['phone', 'dark', PHONE],
  ] as const;

  // One browser context per variant visits every page in turn (cached script, no new context each);
  // the four variants run side by side (Chromium's processes use both cores while the server waits).
  test.concurrent.each(VARIANTS)(
    'axe finds no violations on any page, %s, %s; nothing wider than the screen',
    async (device, scheme, viewport) => {
      const page = await open('/', {
        viewport,
        // axe is injected as a script, which the dashboard's CSP rightly refuses.
        bypassCSP: true,
        colorScheme: scheme,
        ...(device === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      });
      for (const [name, path, ready] of PAGES) {
        if (name !== 'overview') await page.goto(`${dashboard.url}${path}`);
        await page.waitForSelector(ready);
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async () => {
          const result = await (
            window as unknown as {
              axe: { run: () => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
            }
          ).axe.run();
          return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${name} (${path})`).toEqual([]);
        // Nothing is wider than the screen (a phone never scrolls sideways).
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${name} (${path}) overflows`).toBe(0);
        await page.screenshot({ path: `${SHOTS}${name}-${device}-${scheme}.png`, fullPage: true });
        expect(page.errors, `${name} (${path})`).toEqual([]);
      }
      await close(page);
    },
    300_000,
  );

  test('on a phone every Collection column is readable, none cut', async () => {
    const page = await open('/collection', { viewport: PHONE });
    await page.waitForSelector('tbody tr');
    for (const label of ['Requests', 'GraphQL points', 'Rows']) {
      const cell = page.locator(`tbody tr:first-child td[data-label="${label}"]`);
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      await expect(cell.evaluate((td) => getComputedStyle(td, '::before').content)).resolves.toBe(
        `"${label}"`,
      );
    }
    await close(page);
  });

  test('the overview does not shift as it loads on a phone (CLS < 0.1)', async () => {
    const vitals = await measureOverviewVitals(dashboard.browser, `${dashboard.url}/`);
    console.log(`overview on a phone: LCP ${Math.round(vitals.lcpMs)} ms, CLS ${vitals.cls}`);
    expect(vitals.cls).toBeLessThan(0.1);
  });
});
