/**
 * The PDF fills a mostly blank last page by enlarging the charts. It used to make them taller only,
 * with `preserveAspectRatio="none"`: lettering drawn tall and narrow, the newest value's dot an
 * oval. A chart now grows as a whole, a row of its own, its height following its width.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium } from '../../bench/browser.js';
import { addDays } from '../../shared/dates.js';
import { renderHtml } from '../../server/report/html.js';
import { reportKeyResult, reportModel } from '../helpers/report-model.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** One objective of five charted key results and nothing after: printed as is, page 2 is nearly empty. */
function fiveCharts() {
  const series = Array.from({ length: 14 }, (_, i) => ({
    t: addDays('2025-12-29', 7 * i),
    v: 200 + 10 * i,
  }));
  const keyResults = Array.from({ length: 5 }, (_, i) =>
    reportKeyResult({ id: `kr${i}`, label: `Key result ${i}`, series }),
  );
  return reportModel([{ objective: 'Grow', keyResults }]);
}

test('printed, charts enlarged to fill the last page keep their proportions', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
  await page.emulateMedia({ media: 'print' });
  await page.setContent(renderHtml(fiveCharts(), { forPdf: true }));
  const charts = await page.evaluate(() => {
    const half = document.querySelector('.charts')!.getBoundingClientRect().width / 2;
    return [...document.querySelectorAll('figure.chart svg')].map((svg) => {
      const box = svg.getBoundingClientRect();
      const [, , w, h] = svg.getAttribute('viewBox')!.split(' ').map(Number);
      return {
        shape: box.height / box.width / (h! / w!),
        // Taller than a chart in its half of the page: the layout did enlarge it.
        enlarged: box.height > (half * h!) / w! + 1,
        preserve: svg.getAttribute('preserveAspectRatio'),
      };
    });
  });
  expect(charts).toHaveLength(5);
  expect(charts.every((c) => c.enlarged)).toBe(true); // else this would test nothing
  for (const chart of charts) {
    expect(chart.shape).toBeCloseTo(1, 2);
    expect(chart.preserve).not.toBe('none');
  }
  await page.close();
}, 60_000);
