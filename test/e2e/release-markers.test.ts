/**
 * Release markers on a metric's chart: drawn where releases explain the line (GitHub's figures), not
 * on a Discord server's; on a phone, no closer than a finger can tell apart.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { SeriesResponse } from '../../server/schemas/metrics.js';
import { openDashboardDatabase, SHOTS, dashboardInChromium } from '../helpers/dashboard.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** The tags of the range's releases, and those the chart drew a line for. */
async function releaseTags(page: Page): Promise<{ all: string[]; drawn: string[] }> {
  const chart = page.locator('[data-releases]');
  const tags = async (name: string) =>
    ((await chart.getAttribute(name)) ?? '').split('|').filter(Boolean);
  return { all: await tags('data-releases'), drawn: await tags('data-releases-drawn') };
}

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

  test('on a phone a year of releases is thinned to lines a finger can tell apart; the note says so', async () => {
    const page = await dashboard.browser.newPage({ viewport: PHONE });
    await openChart(page, `${dashboard.url}/metrics/github.stars`);
    const { all, drawn } = await releaseTags(page);
    const note = await page.getByTestId('releases').innerText();
    await page.screenshot({ path: `${SHOTS}phone-release-markers.png` });
    expect(all.length).toBeGreaterThan(12);
    // Lines at least 24 px apart on a plot under 300 px wide: a dozen at most, of a year's releases.
    expect(drawn.length).toBeLessThanOrEqual(all.length / 2);
    expect(drawn.every((tag) => all.includes(tag))).toBe(true);
    expect(note).toContain(`${drawn.length} of the ${all.length} releases in this range`);
    expect(note).toContain('major and minor ones first');
    expect(note).toContain(`the latest ${all.at(-1)}`);
    // The same weeks on a desktop have room for a line each.
    await page.setViewportSize(DESKTOP);
    await openChart(page, `${dashboard.url}/metrics/github.issues.opened`);
    const wide = await releaseTags(page);
    expect(wide.drawn).toEqual(wide.all);
    await expect(page.getByTestId('releases').innerText()).resolves.toContain(
      `${wide.all.length} releases in this range`,
    );
    await page.close();
  });
});
