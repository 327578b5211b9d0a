/** The built dashboard's size: what a browser downloads (gzip), against the 150 KB JS budget. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface SpaSize {
  jsGzipBytes: number;
  cssGzipBytes: number;
}

export function measureSpaSize(): SpaSize {
  const assets = fileURLToPath(new URL('../web/assets/', import.meta.url));
  let jsGzipBytes = 0;
  let cssGzipBytes = 0;
  for (const file of readdirSync(assets)) {
    const size = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
    if (file.endsWith('.js')) jsGzipBytes += size;
    if (file.endsWith('.css')) cssGzipBytes += size;
  }
  return { jsGzipBytes, cssGzipBytes };
}

/**
 * The overview's web vitals on a phone profile (390×844, 3× pixels, touch, CPU slowed 4× as
 * Lighthouse's mobile run does; the network is local): largest contentful paint and cumulative
 * layout shift, read from the browser's own PerformanceObserver entries.
 */
export async function measureOverviewVitals(
  browser: Browser,
  url: string,
): Promise<{ lcpMs: number; cls: number }> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: number; __cls: number };
      w.__lcp = 0;
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__lcp = entry.startTime;
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & {
          value: number;
          hadRecentInput: boolean;
        })[])
          if (!entry.hadRecentInput) w.__cls += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(url);
    await page.waitForSelector('[data-kr] svg');
    await page.waitForTimeout(1000); // late shifts (fonts, charts) land within this
    return await page.evaluate(() => {
      const w = window as unknown as { __lcp: number; __cls: number };
      return { lcpMs: w.__lcp, cls: w.__cls };
    });
  } finally {
    await context.close();
  }
}
