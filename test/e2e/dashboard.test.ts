import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../config/load.js';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildDigest } from '../../server/digest/model.js';
import { renderDiscord } from '../../server/digest/discord.js';
import { renderSlack } from '../../server/digest/slack.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import type { OkrsResponse } from '../../server/schemas/okrs.js';
import { dayOf, isoWeek } from '../../shared/dates.js';
import { keyResultValue, targetText } from '../../shared/format.js';
import { launchChromium } from '../../bench/browser.js';
import { kr, NOW, OKRS, openDashboardDatabase, serve, SHOTS } from '../helpers/dashboard.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Pages take seconds each on a loaded 2-core machine: a generous budget, the same checks.
describe('the dashboard in Chromium', { timeout: 120_000 }, () => {
  let browser: Browser;
  let database: DatabaseHandle;
  let emptyDatabase: DatabaseHandle;
  let app: FastifyInstance;
  let emptyApp: FastifyInstance;
  let url: string;
  let emptyUrl: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    database = await openDashboardDatabase(true);
    ({ app, url } = await serve(database, OKRS));
    emptyDatabase = await openDashboardDatabase(false);
    ({ app: emptyApp, url: emptyUrl } = await serve(emptyDatabase, OKRS));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await emptyApp?.close();
    await database?.close();
    await emptyDatabase?.close();
  });

  async function open(
    path: string,
    viewport = { width: 1280, height: 900 },
    base = url,
  ): Promise<Page> {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}${path}`);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  test('the overview shows every key result with its status, in the words of the API', async () => {
    const okrs = (await (await fetch(`${url}/api/okrs`)).json()) as OkrsResponse;
    const page = await open('/');
    await page.waitForSelector('[data-kr]');
    for (const k of okrs.objectives.flatMap((o) => o.keyResults)) {
      const card = page.locator(`[data-kr="${k.id}"]`);
      await expect(card.locator('[data-status]').getAttribute('data-status')).resolves.toBe(
        k.status,
      );
      await expect(card.textContent()).resolves.toContain(k.label);
    }
    await expect(page.locator('h2').allTextContents()).resolves.toEqual([
      'Build community',
      'Healthy engagement',
    ]);
    await expect(page.textContent('header')).resolves.toContain('InfraGenius');
    await page.screenshot({ path: `${SHOTS}overview-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}overview-phone.png`, fullPage: true });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  test('each key result reads the same on its card, in both digests and in every report format', async () => {
    const at = NOW.toISOString();
    await database.db
      .insertInto('manual_value')
      .values({
        metric: 'manual.arr',
        at: at.slice(0, 10),
        value: 123456,
        recorded_at: at,
        source: 'cli',
      })
      .execute();
    await refreshDailyMetrics(database.db, 'UTC', NOW);
    const page = await open('/');
    await page.waitForSelector('[data-kr] .current');
    const model = await buildDigest(
      database.db,
      { project: 'InfraGenius', timezone: 'UTC', okrs: OKRS },
      isoWeek(dayOf(NOW)), // the running week's digest evaluates on today, as the card does
      NOW,
    );
    const slack = JSON.stringify(renderSlack(model));
    const discord = JSON.stringify(renderDiscord(model));
    const markdown = await (await fetch(`${url}/api/report.md`)).text();
    const html = await (await fetch(`${url}/api/report.html`)).text();
    const okrs = (await (await fetch(`${url}/api/okrs`)).json()) as OkrsResponse;
    const krs = okrs.objectives.flatMap((o) => o.keyResults).filter((k) => k.current !== null);
    expect(krs.map((k) => k.unit)).toEqual(expect.arrayContaining(['hours', 'USD', 'count']));
    for (const k of krs) {
      const card = page.locator(`[data-kr="${k.id}"]`);
      const current = (await card.locator('.current').textContent())!.trim();
      const target = (await card.locator('.target').textContent())!.trim();
      expect(current, k.id).toBe(keyResultValue(k, k.current));
      expect(target, k.id).toMatch(new RegExp(`${escape(keyResultValue(k, k.target))}$`));
      const [value, goal] = [escape(current), escape(targetText(k))];
      const lines = {
        slack: `${value} \\(target ${goal}\\)`,
        discord: `${value} \\(target ${goal}\\)`,
        markdown: `\\| ${value} \\| ${goal} \\|`,
        html: `>${value}</td>\\s*<td[^>]*>${goal}</td>`,
      };
      for (const [where, text] of Object.entries({ slack, discord, markdown, html }))
        expect(text, `${k.id} in ${where}`).toMatch(new RegExp(lines[where as keyof typeof lines]));
    }
    await page.close();
  });

  test('a card opens the metric with its target, pace and forecast; the range lives in the URL', async () => {
    const page = await open('/');
    await page.click('[data-kr="stars"]');
    await page.waitForURL(/\/metrics\/github\.stars\?kr=stars$/);
    const chart = page.locator('[data-datasets]');
    await chart.waitFor();
    await expect(chart.getAttribute('data-datasets')).resolves.toBe(
      'GitHub stars|Target|Linear pace|Forecast',
    );
    await page.screenshot({ path: `${SHOTS}detail-desktop.png`, fullPage: true });

    await page.selectOption('select[name=range]', '90d');
    await page.waitForURL(/range=90d/);
    await expect(chart.getAttribute('aria-label')).resolves.toContain('last 90 days');
    await page.selectOption('select[name=interval]', 'week');
    await page.waitForURL(/interval=week/);

    await page.click('text=Show table');
    await page.waitForURL(/view=table/);
    const rows = await page.locator('tbody tr').count();
    expect(rows).toBeGreaterThan(10); // ~13 weeks in 90 days
    await page.goBack();
    await page.locator('[data-datasets]').waitFor();

    // A shared link opens the same view.
    const shared = await open('/metrics/github.stars?range=30d&interval=day', {
      width: 390,
      height: 844,
    });
    await shared.locator('[data-datasets]').waitFor();
    await expect(shared.locator('select[name=range]').inputValue()).resolves.toBe('30d');
    await shared.screenshot({ path: `${SHOTS}detail-phone.png`, fullPage: true });

    // A past range: where stars stood against target and pace, with no forecast drawn from today's
    // value at the range's end (and no axis run on to the deadline).
    const past = await open(
      '/metrics/github.stars?kr=stars&range=custom&from=2026-04-01&to=2026-06-30',
    );
    await past.locator('[data-datasets]').waitFor();
    await expect(past.locator('[data-datasets]').getAttribute('data-datasets')).resolves.toBe(
      'GitHub stars|Target|Linear pace',
    );
    await past.screenshot({ path: `${SHOTS}detail-past-range.png`, fullPage: true });
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
    await shared.close();
    await past.close();
  });

  test('keyboard: tab to a card and open it with Enter', async () => {
    const page = await open('/');
    await page.waitForSelector('[data-kr]');
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('data-kr') === 'stars'))
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/metrics\/github\.stars/);
    await page.close();
  });

  test('an empty database shows the empty state', async () => {
    const page = await open('/', undefined, emptyUrl);
    await page.getByTestId('empty').waitFor();
    await expect(page.getByTestId('empty').textContent()).resolves.toContain('pulseboard collect');
    await page.close();
  });

  test('a failing API shows the error state', async () => {
    const page = await browser.newPage();
    // The overview served from `/` carries its data (overview-ssr.test.ts covers the server failing
    // too); reached from another page, it reads /api/okrs.
    await page.goto(`${url}/waiting`);
    await page.waitForSelector('ol li');
    await page.route('**/api/okrs', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'unavailable', message: 'The database is not answering.' },
        }),
      }),
    );
    await page.click('nav >> text=Overview');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('The database is not answering.');
    await page.close();
  });

  test('names from GitHub and the config render as text, never as HTML', async () => {
    const html = (id: string) => `<img src=x onerror="window.__pwned='${id}'"><b>bold</b>`;
    const hostile = await openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(hostile.db);
    const at = NOW.toISOString();
    await hostile.db
      .insertInto('repo')
      .values(
        ['1', '2'].map((id) => ({
          id,
          full_name: `acme/${html(`repo${id}`)}`,
          default_branch: 'main',
          is_fork: 0,
          is_archived: 0,
          created_at: at,
          first_seen_at: at,
        })),
      )
      .execute();
    await hostile.db
      .insertInto('collection_run')
      .values({
        id: 'run-1',
        source: 'github',
        started_at: at,
        finished_at: at,
        ok: 0,
        error: `acme/${html('error')}: GitHub answered 502`,
        detail: JSON.stringify({ notes: [html('note')] }),
      })
      .execute();
    const objectives: Objective[] = [
      {
        objective: html('objective'),
        keyResults: [{ ...kr('stars', 'github.stars', 3000), label: html('label') }],
      },
    ];
    const served = await serve(hostile, objectives);
    try {
      for (const path of ['/', '/metrics/github.stars?kr=stars', '/collection']) {
        const page = await open(path, undefined, served.url);
        await page.waitForSelector(path === '/collection' ? 'tbody tr' : 'main h2, main h1');
        if (path.startsWith('/metrics')) await page.waitForSelector('select[name=repo]');
        await page.waitForTimeout(100); // an injected onerror would have fired by now
        await expect(page.evaluate(() => (window as { __pwned?: string }).__pwned)).resolves.toBe(
          undefined,
        );
        await expect(page.locator('img[src=x], main b').count()).resolves.toBe(0);
        await expect(page.locator('main').innerText()).resolves.toContain('<b>bold</b>');
        await page.close();
      }
    } finally {
      await served.app.close();
      await hostile.close();
    }
  });

  test('the Collection page lists the runs', async () => {
    const page = await open('/collection');
    await page.waitForSelector('tbody tr');
    await expect(page.locator('tbody tr').count()).resolves.toBe(2);
    await page.close();
  });
});
