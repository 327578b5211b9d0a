/**
 * Release markers on a metric's chart: drawn where releases explain the line (GitHub's figures), not
 * on a Discord server's.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { SeriesResponse } from '../../server/schemas/metrics.js';
import { openDashboardDatabase, SHOTS, dashboardInChromium } from '../helpers/dashboard.js';

const PHONE = { width: 390, height: 844 };

/** A metric page at phone width once its chart is drawn and every request has answered. */
async function openChart(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('canvas');
  await page.waitForLoadState('networkidle');
}

describe('release markers', { timeout: 120_000 }, () => {
  const dashboard = dashboardInChromium(() => openDashboardDatabase(true));

  test('a Discord chart draws no GitHub releases; a GitHub chart of the same range does', async () => {
    // The API sends the range's releases with every series: the page decides where they belong.
    const api = (await (
      await fetch(`${dashboard.url}/api/metrics/discord.members/series`)
    ).json()) as SeriesResponse;
    expect(api.releases.length).toBeGreaterThan(0);
    const page = await dashboard.browser.newPage({ viewport: PHONE });
    await openChart(page, `${dashboard.url}/metrics/discord.members`);
    await expect(page.locator('[data-releases]').getAttribute('data-releases')).resolves.toBe('');
    await expect(page.getByTestId('releases').count()).resolves.toBe(0);
    await page.screenshot({ path: `${SHOTS}phone-discord-no-releases.png` });
    await openChart(page, `${dashboard.url}/metrics/github.stars`);
    await expect(page.getByTestId('releases').textContent()).resolves.toMatch(/\d+ releases? in/);
    await page.close();
  });
});
