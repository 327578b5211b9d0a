/**
 * What a reader needs to read a metric right: what it counts, on the Metrics list and under the
 * metric page's title; a figure recorded by hand read as one, not as a count so far; a first week
 * whose data begins mid-week not read as a drop; and on the Collection page, how long a pass took
 * even when it was quick.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { MetricsResponse } from '../../server/schemas/metrics.js';
import { addDays, weekStart } from '../../shared/dates.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import { NOW, openDashboardDatabase, SHOTS, dashboardInChromium } from '../helpers/dashboard.js';

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

describe('reading a metric', { timeout: 120_000 }, () => {
  const dashboard = dashboardInChromium(() => openDashboardDatabase(true));

  async function open(path: string, viewport: typeof DESKTOP): Promise<Page> {
    const page = await dashboard.browser.newPage({ viewport });
    await page.goto(`${dashboard.url}${path}`);
    return page;
  }

  test('the Metrics list says what each metric counts, in two lines at most on a phone', async () => {
    const metrics = (await (await fetch(`${dashboard.url}/api/metrics`)).json()) as MetricsResponse;
    const page = await open('/metrics', PHONE);
    await page.waitForSelector('[data-metric]');
    for (const m of metrics) {
      const link = page.locator(`[data-metric="${m.id}"] a`);
      // Read out with the link, whole (the two lines are cut on screen only), and its tooltip.
      const described = await link.evaluate(
        (a) => document.getElementById(a.getAttribute('aria-describedby') ?? '')?.textContent,
      );
      expect(described).toBe(m.description);
      const about = page.locator(`[data-metric="${m.id}"] [title]`);
      await expect(about.getAttribute('title')).resolves.toBe(m.description);
      const lines = await about.evaluate(
        (p) => p.clientHeight / parseFloat(getComputedStyle(p).lineHeight),
      );
      expect(lines, m.id).toBeGreaterThan(0.9);
      expect(lines, m.id).toBeLessThan(2.1);
    }
    await page.screenshot({ path: `${SHOTS}metrics-descriptions-phone.png` });
    await page.close();
  });

  test.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('a metric page says what it counts under its title (%s)', async (name, viewport) => {
    const page = await open('/metrics/github.bus_factor', viewport);
    await page.waitForSelector('canvas');
    const description = page.locator('h1 + p');
    await expect(description.innerText()).resolves.toBe(
      'The fewest people who together made half of the contributions of the last 365 days: the higher, the less the project rests on a few.',
    );
    // Quiet: secondary text, smaller than the body's and not in its colour.
    const [color, size, bodyColor, bodySize] = await description.evaluate((p) =>
      [p, document.body].flatMap((el) => [
        getComputedStyle(el).color,
        getComputedStyle(el).fontSize,
      ]),
    );
    expect(color).not.toBe(bodyColor);
    expect(parseFloat(size!)).toBeLessThan(parseFloat(bodySize!));
    await page.screenshot({ path: `${SHOTS}metric-description-${name}.png` });
    await page.close();
  });

  test('a pass quicker than a tenth of a second took "under 0.1 s", not "0.0 s"', async () => {
    // A package poll of one request, started and finished within the same millisecond.
    const at = NOW.toISOString();
    await dashboard.database.db
      .insertInto('collection_run')
      .values({ id: 'quick', source: 'packages', started_at: at, finished_at: at, ok: 1 })
      .execute();
    const page = await open('/collection', PHONE);
    const row = page.locator('tbody tr', { hasText: 'Package downloads' });
    await expect(row.locator('td[data-label="Took"]').innerText()).resolves.toBe('under 0.1 s');
    await page.close();
  });

  test('a score recorded by hand holds until the next recording and has no "Count" axis', async () => {
    // NPS, recorded twice by hand; no key result names it, so the API says only "count".
    const today = NOW.toISOString().slice(0, 10);
    await dashboard.database.db
      .insertInto('manual_value')
      .values(
        [
          [addDays(today, -60), 31],
          [addDays(today, -10), 41],
        ].map(([at, value]) => ({
          metric: 'manual.nps',
          at: at as string,
          value: value as number,
          recorded_at: NOW.toISOString(),
          source: 'cli',
        })),
      )
      .execute();
    await refreshDailyMetrics(dashboard.database.db, 'UTC', NOW);
    // The server reads the rollups' version once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const page = await open('/metrics/manual.nps?range=90d', DESKTOP);
    await page.waitForSelector('canvas');
    await expect(page.getByTestId('running').innerText()).resolves.toMatch(
      /^[A-Z][a-z]{2} \d+, \d{4} shows the latest recorded figure, which holds until the next one is recorded\.$/,
    );
    await expect(page.locator('[data-y-title]').getAttribute('data-y-title')).resolves.toBe('');
    await page.screenshot({ path: `${SHOTS}manual-metric.png` });
    await page.getByRole('button', { name: 'Show table' }).click();
    await expect(page.locator('caption').innerText()).resolves.toBe(
      'Net Promoter Score by day, last 90 days',
    );
    await expect(page.locator('tbody tr:first-child td:first-child').innerText()).resolves.toMatch(
      / \(latest recorded\)$/,
    );
    await page.close();
  });

  test('a first week whose readings begin mid-week is drawn lighter and says from when it counts', async () => {
    // Docker Hub readings from a Tuesday three weeks back: the first daily figure is Wednesday's.
    const today = NOW.toISOString().slice(0, 10);
    const tuesday = addDays(weekStart(addDays(today, -21)), 1);
    const days = Array.from({ length: 22 }, (_, i) => addDays(tuesday, i)).filter(
      (d) => d <= today,
    );
    await dashboard.database.db
      .insertInto('docker_pull_snapshot')
      .values(
        days.map((day, i) => ({
          repository: 'infragenius/infragenius',
          taken_at: `${day}T12:00:00.000Z`,
          day,
          pull_count: 50_000 + 200 * i,
        })),
      )
      .execute();
    await refreshDailyMetrics(dashboard.database.db, 'UTC', NOW);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const page = await open('/metrics/docker.pulls', DESKTOP);
    await page.waitForSelector('canvas');
    const first = new Date(`${addDays(tuesday, 1)}T00:00:00Z`);
    const day = (d: Date, options: Intl.DateTimeFormatOptions = {}) =>
      d.toLocaleDateString('en-US', {
        month: 'short',
        day: 'numeric',
        timeZone: 'UTC',
        ...options,
      });
    await expect(page.getByTestId('partial').innerText()).resolves.toBe(
      `Week of ${day(new Date(`${weekStart(tuesday)}T00:00:00Z`), { year: 'numeric' })} is counted from ${day(first, { year: 'numeric' })} on, where the data begins: drawn lighter.`,
    );
    await page.screenshot({ path: `${SHOTS}partial-first-week.png` });
    await page.close();
  });
});
