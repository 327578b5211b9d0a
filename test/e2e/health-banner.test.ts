/**
 * The scenario that used to hide a failure: a GitHub pass fails, the Discord pass of the same run
 * succeeds a moment later. Health must still say degraded, and the overview must show it. The
 * Discord passes meet two channels the bot may not read (as in the demo): the banner says which
 * permission it lacks where, until a later pass reads them.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunSummary } from '../../collector/run.js';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../server/app.js';
import type { HealthResponse } from '../../server/schemas/health.js';
import { launchChromium } from '../../bench/browser.js';
import { keyResult } from '../helpers/okrs.js';
import { collectStandIns, startStandIns } from '../helpers/stand-ins.js';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DAY = 86_400_000;
/** A setup problem as config/setup-warnings.ts words them. */
const WARNING =
  'GITHUB_TOKEN is not set, so nothing is collected from GitHub; put a token with read access to the repositories in .env and restart.';
const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
/** The same seeds give the same community each time the stand-ins start. */
const WORLDS = [
  { repos: 1, stars: 300, pulls: 40, issues: 40, commits: 60, seed: 3, now: NOW.toISOString() },
  { members: 120, seed: 3, now: NOW.toISOString() },
] as const;

describe('a failed GitHub pass followed by a successful Discord pass', () => {
  let browser: Browser;
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let url: string;
  let failed: RunSummary[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const standIns = startStandIns(...WORLDS);
    database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(database.db);
    try {
      // Yesterday all went well; since then the token was revoked.
      await collectStandIns(database.db, standIns, new Date(NOW.getTime() - DAY));
      standIns.github.interceptors.push(() =>
        Response.json(
          { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
          { status: 401 },
        ),
      );
      await collectStandIns(database.db, standIns, new Date(NOW.getTime() - DAY / 2));
      failed = await collectStandIns(database.db, standIns, NOW);
    } finally {
      standIns.close();
    }
    app = await buildApp({
      database,
      webRoot: WEB_ROOT,
      now: () => NOW,
      settings: {
        project: 'InfraGenius',
        timezone: 'UTC',
        okrs: [
          {
            objective: 'Build community',
            keyResults: [keyResult('stars', 'github.stars', 1000, { label: 'GitHub stars' })],
          },
        ],
        adminToken: null,
        warnings: [WARNING],
      },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  test('the run itself: GitHub failed first, Discord succeeded after it', () => {
    expect(failed.map((s) => [s.source, s.ok])).toEqual([
      ['github', false],
      ['discord', true],
    ]);
  });

  test('/api/health says degraded and names github, since its first failed pass', async () => {
    const health = (await (await fetch(`${url}/api/health`)).json()) as HealthResponse;
    expect(health.status).toBe('degraded');
    // The stand-ins' clock stands still: both passes finish at the same instant.
    expect(health.sources.discord).toMatchObject({ ok: true, finishedAt: NOW.toISOString() });
    expect(health.sources.github).toMatchObject({ ok: false, finishedAt: NOW.toISOString() });
    expect(health.failing).toHaveLength(1);
    const [github] = health.failing;
    expect(github!.source).toBe('github');
    expect(github!.since).toBe(new Date(NOW.getTime() - DAY / 2).toISOString());
    expect(github!.lastFailedAt).toBe(NOW.toISOString());
    expect(github!.error).toBe(failed[0]!.error);
    expect(github!.error).toMatch(/401|token/i);
  });

  test('the overview banner shows the failing source, since when and why', async () => {
    const health = (await (await fetch(`${url}/api/health`)).json()) as HealthResponse;
    const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}/`);
    await page.waitForSelector('[data-kr]');
    const banner = page.locator('[data-failing="github"]');
    const text = (await banner.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('GitHub collection failing since');
    expect(text).toContain(health.failing[0]!.error);
    await expect(banner.locator('time').first().getAttribute('datetime')).resolves.toBe(
      health.failing[0]!.since,
    );
    await expect(page.locator('[data-failing="discord"]').count()).resolves.toBe(0);
    // Setup problems /api/health reports are on the dashboard too, not only in the log.
    expect(health.warnings).toEqual([WARNING]);
    await expect(page.locator('[data-warning]').innerText()).resolves.toBe(`Setup: ${WARNING}`);
    // The Discord pass succeeded but could not read two channels: which permission, where, and
    // what it costs, in one line of the banner.
    expect(health.needsAction).toEqual([{ source: 'discord', message: expect.any(String) }]);
    const action = page.locator('[data-needs-action="discord"]');
    await expect(action.innerText()).resolves.toBe(`Discord: ${health.needsAction[0]!.message}`);
    expect(health.needsAction[0]!.message).toMatch(
      /^The bot lacks View Channel in #moderators and Read Message History in #audit-log, so active members and messages miss their posts; grant these to its role there\.$/,
    );
    await page.screenshot({ path: `${SHOTS}health-banner-desktop.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}health-banner-phone.png` });
    // On a phone the Discord line stays a few lines long.
    const lineHeight = await action.evaluate((li) => parseFloat(getComputedStyle(li).lineHeight));
    expect((await action.boundingBox())!.height).toBeLessThanOrEqual(4 * lineHeight + 1);
    // The sentence wraps between words, never inside a channel's name ("#audit-" / "log").
    for (const channel of ['#moderators', '#audit-log']) {
      const lines = await action.evaluate((li, name) => {
        const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(name);
          if (at === -1) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + name.length);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        }
        return 0;
      }, channel);
      expect(lines, channel).toBe(1);
    }
    // The banner's link leads to the passes, where the failure is listed with its cause.
    await page.click('text=See the collection passes');
    await page.waitForURL(/\/collection$/);
    await page.waitForSelector('td.bad');
    await expect(page.locator('td.bad').first().textContent()).resolves.toContain(
      health.failing[0]!.error,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a later Discord pass that reads every channel clears its line; the GitHub failure stays', async () => {
    const standIns = startStandIns(...WORLDS);
    let discord: RunSummary | undefined;
    try {
      // The bot's role is given View Channel and Read Message History everywhere.
      for (const channel of standIns.discord.guild.chat.channels)
        Object.assign(channel, { visible: true, history: true });
      // The collector asks a refused channel again the next day (a 403 counts against Discord's
      // invalid-request limit), so the pass that finds the permissions granted is a day later.
      const later = new Date(NOW.getTime() + DAY);
      [discord] = await collectStandIns(database.db, standIns, later, undefined, ['discord']);
    } finally {
      standIns.close();
    }
    expect([discord!.ok, discord!.notes, discord!.blockers]).toEqual([true, [], []]);
    const health = (await (await fetch(`${url}/api/health`)).json()) as HealthResponse;
    expect(health.needsAction).toEqual([]);
    const page: Page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${url}/`);
    await page.waitForSelector('[data-failing="github"]');
    await expect(page.locator('[data-needs-action]').count()).resolves.toBe(0);
    await page.close();
  });
});
