/**
 * The Waiting page with more waiting than one page shows: what it says it shows is what it lists
 * (the oldest of both kinds together), "Show more" reaches every item, and the kind and repository
 * filters live in the URL.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { WaitingResponse } from '../../server/schemas/waiting.js';
import { NOW, SHOTS, dashboardInChromium } from '../helpers/dashboard.js';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;
const ISSUES = 230;
const PULLS = 30;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

/**
 * 230 issues opened one a day, oldest 400 days ago, and 30 pull requests opened after the 150th
 * issue: the 100 oldest items are all issues, and a limit per kind would list the pull requests
 * (newer than 130 issues) in place of 100 older issues.
 */
async function openWaitingDatabase(): Promise<DatabaseHandle> {
  const database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
  await migrateToLatest(database.db);
  const at = NOW.toISOString();
  await database.db
    .insertInto('repo')
    .values(
      ['acme/core', 'acme/web'].map((full_name, i) => ({
        id: String(i + 1),
        full_name,
        default_branch: 'main',
        is_fork: 0 as const,
        is_archived: 0 as const,
        created_at: at,
        first_seen_at: at,
      })),
    )
    .execute();
  const common = (repo: number, number: number, created: string) => ({
    repo_id: String(repo),
    number,
    author: 'someone',
    author_is_bot: 0 as const,
    state: 'open' as const,
    created_at: created,
    updated_at: created,
    closed_at: null,
    first_response_at: null,
  });
  await database.db
    .insertInto('issue')
    .values(
      Array.from({ length: ISSUES }, (_, i) => ({
        ...common((i % 2) + 1, i + 1, ago(400 - i)),
        title: `Issue ${i + 1}`,
      })),
    )
    .execute();
  await database.db
    .insertInto('pull_request')
    .values(
      Array.from({ length: PULLS }, (_, i) => ({
        ...common((i % 2) + 1, 1000 + i, ago(400 - 150 - i - 0.5)),
        title: `PR ${1000 + i}`,
        author_association: null,
        is_draft: 0 as const,
        merged_at: null,
        first_review_at: null,
      })),
    )
    .execute();
  return database;
}

describe('the Waiting page pages through a long list in Chromium', { timeout: 180_000 }, () => {
  const dashboard = dashboardInChromium(() => openWaitingDatabase());

  const waiting = async (query: string) =>
    (await (await fetch(`${dashboard.url}/api/waiting?${query}`)).json()) as WaitingResponse;

  async function open(path: string, options: BrowserContextOptions = {}) {
    const context = await dashboard.browser.newContext({ viewport: DESKTOP, ...options });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${dashboard.url}${path}`);
    await page.waitForSelector('ol li');
    return { page, errors };
  }
  const links = (page: Page) =>
    page.locator('ol li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const shown = (page: Page) => page.getByTestId('waiting-shown').textContent();

  test('it says exactly what it lists, and "Show more" reaches every item, oldest first', async () => {
    const { page, errors } = await open('/waiting');
    await expect(shown(page)).resolves.toBe('Showing the oldest 100 of 260 waiting items.');
    await expect(page.getByTestId('waiting-totals').textContent()).resolves.toBe(
      '230 issues and 30 pull requests have had no answer from anyone but their author.',
    );
    const first = await links(page);
    expect(first).toEqual((await waiting('limit=100')).items.map((i) => i.url));
    // The 100 oldest are issues 1–100; a pull request (newer than 150 issues) is not among them.
    expect(first.at(-1)).toBe('https://github.com/acme/web/issues/100');
    expect(first.some((href) => href.includes('/pull/'))).toBe(false);
    await page.screenshot({ path: `${SHOTS}waiting-long-desktop.png` });

    const more = page.getByTestId('waiting-more');
    await expect(more.textContent()).resolves.toContain('Show 100 more');
    await more.click();
    await expect.poll(() => shown(page)).toBe('Showing the oldest 200 of 260 waiting items.');
    expect(await links(page)).toEqual((await waiting('limit=200')).items.map((i) => i.url));
    await expect(page.locator('ol li[data-kind=pull_request]').count()).resolves.toBeGreaterThan(0);
    // Focus stays on the button (a keyboard user goes on from where they were).
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toContain(
      'Show the last 60',
    );
    await more.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}waiting-long-more-desktop.png` });

    await more.click();
    await expect.poll(() => shown(page)).toBe('Showing all 260 waiting items, oldest first.');
    const all = await links(page);
    expect(all).toHaveLength(ISSUES + PULLS);
    expect(new Set(all).size).toBe(ISSUES + PULLS);
    await expect(more.count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('the kind and repository filters live in the URL and narrow list and words', async () => {
    const { page, errors } = await open('/waiting', {
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    await page.screenshot({ path: `${SHOTS}waiting-long-phone.png` });
    await page.selectOption('select[name=kind]', 'pull_request');
    await page.waitForURL(/\/waiting\?kind=pull_request$/);
    await expect
      .poll(() => shown(page))
      .toBe('Showing all 30 waiting pull requests, oldest first.');
    expect(await links(page)).toEqual((await waiting('kind=pull_request')).items.map((i) => i.url));
    await page.selectOption('select[name=repo]', 'acme/web');
    await expect
      .poll(() => shown(page))
      .toBe('Showing all 15 waiting pull requests in acme/web, oldest first.');
    await expect(page.getByTestId('waiting-totals').textContent()).resolves.toBe(
      '115 issues and 15 pull requests in acme/web have had no answer from anyone but their author.',
    );
    expect(
      (await links(page)).every((href) => href.startsWith('https://github.com/acme/web/pull/')),
    ).toBe(true);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await page.screenshot({ path: `${SHOTS}waiting-long-filtered-phone.png`, fullPage: true });

    // A shared link opens on the same list.
    await page.goto(`${dashboard.url}/waiting?kind=issue&repo=acme%2Fcore`);
    await expect
      .poll(() => shown(page))
      .toBe('Showing the oldest 100 of 115 waiting issues in acme/core.');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
