/**
 * The PDF's page is 186 mm wide at 12 px: a key-result table wider than that made Chromium shrink
 * every page to fit it (the demo's Q1 report printed at three quarters of its size, each section
 * ending at a different right edge). The cells' second lines wrap instead; a date stays whole.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../../bench/browser.js';
import { renderHtml } from '../../server/report/html.js';
import type { ReportKeyResult, ReportModel } from '../../server/report/model.js';
import { PAGE } from '../../server/report/fit-pages.js';
import { reportKeyResult, reportModel } from '../helpers/report-model.js';

const kr = (over: Partial<ReportKeyResult>): ReportKeyResult =>
  reportKeyResult({
    id: 'stars',
    metric: 'github.stars',
    label: 'Active contributors (90 days)',
    target: 10_000,
    baseline: 3_028,
    current: 4_509,
    progress: 0.21,
    forecast: 9_645,
    probability: 0.046,
    metricLabel: 'Active contributors (90 days)',
    kind: 'level',
    previous: { current: 3_007, status: 'off_track' },
    historyFrom: '2024-10-26',
    ...over,
  });

/** The demo's "Healthy engagement", whose table was the widest. */
function model(): ReportModel {
  const keyResults = [
    kr({
      id: 'first-response',
      label: 'Time to first response (median)',
      unit: 'hours',
      direction: 'at_most',
      target: 24,
      baseline: 1.4,
      current: 15.1,
      progress: 1,
      status: 'achieved',
      forecast: null,
      probability: null,
      deadline: null,
      previous: { current: 16.8, status: 'achieved' },
    }),
    kr({
      id: 'arr',
      label: 'Annual recurring revenue',
      unit: 'USD',
      target: 250_000,
      baseline: 90_000,
      current: 115_000,
      progress: 0.156,
      status: 'off_track',
      forecast: 115_000,
      probability: 0.113,
      previous: { current: null, status: 'no_data' },
      historyFrom: '2026-01-01',
    }),
  ];
  return reportModel([{ objective: 'Healthy engagement', keyResults }], [], {
    project: 'InfraGenius (demo)',
    generatedAt: '2026-11-25T03:31:00.000Z',
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

test('printed, the key-result table fits the page’s width, and the deadline stays on one line', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
  await page.emulateMedia({ media: 'print' });
  await page.setContent(renderHtml(model(), { forPdf: true }));
  const widths = await page.evaluate(() => ({
    body: document.body.getBoundingClientRect().width,
    content: document.body.scrollWidth,
    table: document.querySelector('section.objective table')!.getBoundingClientRect().width,
    days: [...document.querySelectorAll('td[data-label="Forecast"] .day')].map(
      (d) => d.getClientRects().length,
    ),
  }));
  expect(widths.body).toBeCloseTo((PAGE.widthMm / 25.4) * 96, 0);
  expect(widths.table).toBeLessThanOrEqual(widths.body + 0.5);
  expect(widths.content).toBeLessThanOrEqual(Math.ceil(widths.body));
  expect(widths.days).toEqual([1]);
  await page.close();
}, 60_000);
