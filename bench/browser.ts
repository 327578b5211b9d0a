/** Debian's Chromium driven by playwright-core (no browser download: `apt-get install chromium`). */
import { chromium, type Browser } from 'playwright-core';
import { HEADLESS_CHROMIUM_FLAGS } from '../server/report/pdf.js';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...HEADLESS_CHROMIUM_FLAGS],
  });
}
