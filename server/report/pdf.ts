/**
 * PDF: the HTML report printed by a system Chromium (`apt-get install chromium`), headless, with no
 * network (the page has no external requests anyway). A clear error says what to install when there
 * is no Chromium.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class PdfUnavailableError extends Error {
  override name = 'PdfUnavailableError';
}

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** A headless Chromium that stays off the network (also how the tests drive the dashboard). */
export const HEADLESS_CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
] as const;

export function findChromium(candidates: readonly string[] = CANDIDATES): string | null {
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** Prints HTML to PDF; the API injects its own (tests count the browsers started). */
export type PdfPrinter = (html: string, signal?: AbortSignal) => Promise<Buffer>;

export async function printPdf(
  html: string,
  chromium: string | null = findChromium(),
  signal?: AbortSignal,
): Promise<Buffer> {
  if (!chromium) {
    throw new PdfUnavailableError(
      'PDF export needs Chromium, which is not installed here; install it with `apt-get install chromium` (or export HTML).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'pulseboard-pdf-'));
  try {
    const page = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    writeFileSync(page, html);
    await run(
      chromium,
      [
        ...HEADLESS_CHROMIUM_FLAGS,
        `--user-data-dir=${join(dir, 'profile')}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${pdf}`,
        pathToFileURL(page).href,
      ],
      // The signal stops Chromium when the API gives up on the export.
      { timeout: 60_000, ...(signal ? { signal } : {}) },
    );
    if (!existsSync(pdf)) throw new Error('Chromium did not write the PDF.');
    return readFileSync(pdf);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
