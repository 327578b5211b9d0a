/** The overview with a key result per month, the odds of making it, and a first-value baseline. */
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../config/load.js';
import type { DatabaseHandle } from '../../db/connect.js';
import { upsertManualValue } from '../../db/queries/manual.js';
import { addDays } from '../../shared/dates.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import type { KeyResult, OkrsResponse } from '../../server/schemas/okrs.js';
import { launchChromium } from '../../bench/browser.js';
import { kr, NOW, openDashboardDatabase, serve, SHOTS } from '../helpers/dashboard.js';

const today = NOW.toISOString().slice(0, 10);
const OKRS: Objective[] = [
  {
    objective: 'Grow the contributor base',
    keyResults: [
      {
        ...kr('merged-monthly', 'github.prs.merged', 20, { per: 'month' }),
        label: 'PRs merged a month',
      },
      { ...kr('stars', 'github.stars', 3000), label: 'GitHub stars' },
      { ...kr('arr', 'manual.arr', 250_000, { unit: 'USD' }), label: 'ARR' },
    ],
  },
];

describe('key-result forms on the overview', { timeout: 120_000 }, () => {
  let browser: Browser;
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    database = await openDashboardDatabase(true);
    // ARR recorded for the first time three weeks ago, long after the objective began.
    for (const [at, value] of [
      [addDays(today, -21), 120_000],
      [today, 131_000],
    ] as const)
      await upsertManualValue(database.db, {
        metric: 'manual.arr',
        at,
        value,
        recorded_at: NOW.toISOString(),
        source: 'cli',
      });
    await refreshDailyMetrics(database.db, 'UTC', NOW);
    ({ app, url } = await serve(database, OKRS));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  test('the cards say the periods met, so far this month, the odds and the baseline', async () => {
    const okrs = (await (await fetch(`${url}/api/okrs`)).json()) as OkrsResponse;
    const byId = new Map<string, KeyResult>(okrs.objectives[0]!.keyResults.map((k) => [k.id, k]));
    const monthly = byId.get('merged-monthly')!;
    expect(monthly.periods?.per).toBe('month');
    expect(monthly.periods!.complete).toBeGreaterThan(0);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/`);
    await page.waitForSelector('[data-kr]');

    const card = page.locator('[data-kr="merged-monthly"]');
    const { met, complete } = monthly.periods!;
    await expect(card.locator('[data-testid="periods"]').textContent()).resolves.toContain(
      `${met} of ${complete} month${complete === 1 ? '' : 's'} met`,
    );
    await expect(card.locator('[data-testid="so-far"]').textContent()).resolves.toMatch(
      /so far this month/,
    );
    await expect(card.textContent()).resolves.toContain('last month');
    if (monthly.probability !== null)
      await expect(card.locator('[data-testid="odds"]').textContent()).resolves.toMatch(
        /% likely to make it this month$/,
      );

    const stars = byId.get('stars')!;
    expect(stars.probability).not.toBeNull();
    await expect(
      page.locator('[data-kr="stars"] [data-testid="odds"]').textContent(),
    ).resolves.toMatch(/^(<1|>99|\d{1,3})% likely to make it$/);

    await expect(
      page.locator('[data-kr="arr"] [data-testid="baseline"]').textContent(),
    ).resolves.toMatch(/^baseline: first value, recorded on \w{3} \d{1,2}, \d{4}$/);

    await page.screenshot({ path: `${SHOTS}overview-okr-forms.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a per-month card opens its metric month by month against the target, no pace line', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}/`);
    await page.click('[data-kr="merged-monthly"]');
    await page.waitForURL(/\/metrics\/github\.prs\.merged\?kr=merged-monthly$/);
    const chart = page.locator('[data-datasets]');
    await chart.waitFor();
    await expect(page.locator('select[name=interval]').inputValue()).resolves.toBe('month');
    await expect(chart.getAttribute('data-datasets')).resolves.toBe('Pull requests merged|Target');
    const summary = (await page.locator('.summary').textContent())!.replace(/\s+/g, ' ');
    expect(summary).toMatch(/\d last month \(all repositories\), target at least 20 a month by/);
    await page.screenshot({ path: `${SHOTS}detail-per-month.png`, fullPage: true });
    await page.close();
  });
});
