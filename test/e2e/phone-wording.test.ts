/**
 * What a user met walking through the demo at phone width (390 × 844): a figure split from its unit
 * across lines, a banner link to the page already open, sources named by their ids and a forecast
 * line ending on the screen's edge; and before the first collection, a value shown as a dash, a
 * Waiting page saying everyone was answered, and a metric page offering a table, a CSV and a previous period of nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openDashboardDatabase, SHOTS, dashboardInChromium } from '../helpers/dashboard.js';

const PHONE = { width: 390, height: 844 };

/** How many "Show table" buttons, "Download CSV" links and "Previous period" boxes the page offers. */
async function tableCsvAndPrevious(page: Page): Promise<number[]> {
  return Promise.all([
    page.getByRole('button', { name: 'Show table' }).count(),
    page.getByRole('link', { name: 'Download CSV' }).count(),
    page.getByRole('checkbox', { name: 'Previous period' }).count(),
  ]);
}

/** A metric page once its series has answered with no value: it reads "No data yet". */
async function openEmptyMetric(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('empty').waitFor();
  await expect(page.getByTestId('empty').locator('h2').innerText()).resolves.toBe('No data yet');
}

describe('the dashboard at phone width', () => {
  const dashboard = dashboardInChromium(() => openDashboardDatabase(true));
  let page: Page;

  test('a Discord metric is not said to be summed over repositories', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/metrics/discord.members`);
    await page.waitForSelector('canvas');
    await page.waitForLoadState('networkidle');
    const summary = await page.locator('p.summary').innerText();
    expect(summary).toMatch(/now, target at least 1,000 by /);
    expect(summary).not.toContain('repositories');
    // The deadline stays whole too ("Dec 31, 2026", not "Dec 31," / "2026.").
    const deadline = page.locator('.summary .value').last();
    await expect(deadline.innerText()).resolves.toMatch(/^Dec 31, \d{4}$/);
    const lines = await deadline.evaluate(
      (el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size,
    );
    expect(lines).toBe(1);
    await page.close();
  });

  test('a metric page keeps each figure with its unit on one line ("7 d", not "7" / "d.")', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/metrics/github.prs.merge_time.p50`);
    await page.waitForSelector('canvas');
    await page.waitForLoadState('networkidle');
    const figures = page.locator('.summary .value');
    const texts = await figures.allInnerTexts();
    expect(texts).toHaveLength(2); // the current value and the target
    expect(texts[1]).toBe('7 d');
    for (const figure of await figures.all()) {
      const lines = await figure.evaluate(
        (el) => new Set([...el.getClientRects()].map((r) => Math.round(r.top))).size,
      );
      expect(lines).toBe(1);
    }
    await page.screenshot({ path: `${SHOTS}phone-metric-summary.png` });
    await page.close();
  });

  test('a metric page with values offers its table, CSV and previous period; one without them offers none', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/metrics/github.stars`);
    await page.waitForSelector('canvas');
    await expect(tableCsvAndPrevious(page)).resolves.toEqual([1, 1, 1]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.trim().split('\n').length).toBeGreaterThan(1); // values, not only the header
    // ARR is a key result's metric nobody has recorded yet.
    await openEmptyMetric(page, `${dashboard.url}/metrics/manual.arr`);
    await expect(tableCsvAndPrevious(page)).resolves.toEqual([0, 0, 0]);
    await page.close();
  });

  test('a range before the history began says so, not "No data yet", and leads to all of it', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(
      `${dashboard.url}/metrics/github.stars?range=custom&from=2000-01-01&to=2000-03-31`,
    );
    const empty = page.getByTestId('empty');
    await empty.waitFor();
    await expect(empty.locator('h2').innerText()).resolves.toBe('No data in this range');
    await expect(empty.locator('p').innerText()).resolves.toBe(
      'GitHub stars has no value from Jan 1, 2000 to Mar 31, 2000, only outside it.',
    );
    await page.screenshot({ path: `${SHOTS}phone-metric-empty-range.png` });
    await page.getByRole('button', { name: 'Show all time' }).click();
    await page.waitForSelector('canvas');
    expect(new URL(page.url()).searchParams.get('range')).toBe('all');
    await expect(page.locator('select[name=range]').inputValue()).resolves.toBe('all');
    await page.close();
  });

  test('with the previous period ticked, the table shows it beside each period too', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/metrics/github.issues.opened?range=90d&prev=1&view=table`);
    await page.waitForSelector('tbody tr');
    await page.waitForLoadState('networkidle');
    await expect(page.locator('thead th').allInnerTexts()).resolves.toEqual([
      'Period',
      'Value',
      'Previous period',
    ]);
    const before = await page.locator('tbody td:nth-child(3)').allInnerTexts();
    expect(before.length).toBe(await page.locator('tbody tr').count());
    expect(before.filter((v) => /^\d/.test(v)).length).toBeGreaterThan(before.length / 2);
    await page.getByRole('checkbox', { name: 'Previous period' }).uncheck();
    await expect(page.locator('thead th').count()).resolves.toBe(2);
    await page.close();
  });

  test('a forecast drawn to the deadline stops short of the screen’s edge', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE, deviceScaleFactor: 2 });
    await page.goto(`${dashboard.url}/metrics/github.stars`);
    await page.waitForSelector('canvas');
    await page.waitForLoadState('networkidle');
    // The canvas is transparent where nothing is drawn: its last 6 px (12 device pixels) are empty.
    const painted = await page.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const edge = 6 * devicePixelRatio;
      const { data } = canvas
        .getContext('2d')!
        .getImageData(canvas.width - edge, 0, edge, canvas.height);
      return data.filter((alpha, i) => i % 4 === 3 && alpha > 0).length;
    });
    expect(painted).toBe(0);
    await page.screenshot({ path: `${SHOTS}phone-metric-forecast.png` });
    await page.close();
  });

  test('on the Collection page the banner does not link to the page itself; sources read by name', async () => {
    page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/`);
    await page.waitForSelector('[data-needs-action="discord"]');
    const link = page.getByRole('link', { name: 'See the collection passes' });
    await expect(link.count()).resolves.toBe(1);
    await link.click();
    await page.waitForURL(/\/collection$/);
    await page.waitForSelector('td[data-label="Source"]');
    await expect(page.locator('[data-needs-action="discord"]').count()).resolves.toBe(1);
    await expect(link.count()).resolves.toBe(0);
    const sources = new Set(await page.locator('td[data-label="Source"]').allInnerTexts());
    expect([...sources].sort()).toEqual(['Discord', 'GitHub']);
    await page.screenshot({ path: `${SHOTS}phone-collection.png` });
    await page.close();
  });
});

describe('before the first collection', () => {
  const dashboard = dashboardInChromium(() => openDashboardDatabase(false));

  test('the Waiting page says nothing is collected yet, not that every issue was answered', async () => {
    const page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/waiting`);
    await page.waitForSelector('h2');
    await expect(page.locator('h2').innerText()).resolves.toBe('No data yet');
    await expect(page.getByText('has had an answer').count()).resolves.toBe(0);
    await page.close();
  });

  test('a metric page without a value says so in words, not with a dash', async () => {
    const page = await dashboard.browser.newPage({ viewport: PHONE });
    await page.goto(`${dashboard.url}/metrics/github.stars`);
    const summary = page.locator('p.summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toMatch(
      /^No data\s+No value yet, target at least 3,000 by /,
    );
    await page.close();
  });

  test('a metric page with no data offers no table, no CSV and no previous period to compare', async () => {
    const page = await dashboard.browser.newPage({ viewport: PHONE });
    await openEmptyMetric(page, `${dashboard.url}/metrics/github.stars`);
    await expect(tableCsvAndPrevious(page)).resolves.toEqual([0, 0, 0]);
    await page.screenshot({ path: `${SHOTS}phone-metric-empty.png` });
    await page.close();
  });
});
