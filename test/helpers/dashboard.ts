/** The dashboard e2e fixture: a collected stand-in community, its key results and a served app. */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../bench/browser.js';
import type { KeyResult, Objective } from '../../config/load.js';
import { openDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { buildApp } from '../../server/app.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import { keyResult } from './okrs.js';
import { collectStandIns, startStandIns } from './stand-ins.js';

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));
export const SHOTS = fileURLToPath(new URL('../e2e/screenshots/', import.meta.url));
export const NOW = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const year = NOW.getUTCFullYear();

export const kr = (id: string, metric: string, target: number, extra: Partial<KeyResult> = {}) =>
  keyResult(id, metric, target, {
    label: id,
    start: `${year}-01-01`,
    deadline: `${year}-12-31`,
    ...extra,
  });

export const OKRS: Objective[] = [
  {
    objective: 'Build community',
    keyResults: [
      { ...kr('stars', 'github.stars', 3000), label: 'GitHub stars' },
      { ...kr('discord', 'discord.members', 1000), label: 'Discord members', unit: 'people' },
      { ...kr('contributors', 'github.contributors', 5000), label: 'Contributors' },
    ],
  },
  {
    objective: 'Healthy engagement',
    keyResults: [
      {
        ...kr('merge-time', 'github.prs.merge_time.p50', 168, {
          direction: 'at_most',
          start: null,
          deadline: null,
        }),
        label: 'PR merge time (median)',
        unit: 'hours',
      },
      { ...kr('arr', 'manual.arr', 250000), label: 'ARR', unit: 'USD' },
    ],
  },
];

/** An in-memory database, empty or filled by one collection from the stand-ins. */
export async function openDashboardDatabase(collected: boolean): Promise<DatabaseHandle> {
  const database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
  await migrateToLatest(database.db);
  if (!collected) return database;
  const standIns = startStandIns(
    {
      repos: 2,
      stars: 1500,
      pulls: 400,
      issues: 500,
      commits: 300,
      seed: 9,
      now: NOW.toISOString(),
    },
    { members: 900, seed: 9, now: NOW.toISOString() },
  );
  await collectStandIns(database.db, standIns, NOW);
  standIns.close();
  return database;
}

export async function serve(
  database: DatabaseHandle,
  okrs: Objective[],
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({
    database,
    webRoot: WEB_ROOT,
    now: () => NOW,
    settings: { project: 'InfraGenius', timezone: 'UTC', okrs, adminToken: null },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

/** What a describe block's browser tests use: a dashboard's database, its server and Chromium. */
export interface DashboardInChromium {
  database: DatabaseHandle;
  app: FastifyInstance;
  url: string;
  browser: Browser;
}

/**
 * For the describe block it is called in: before its tests, the database `open` gives, served with
 * `okrs`, and Chromium (and the screenshots folder); all closed after them. The fields are set once
 * the tests run.
 */
export function dashboardInChromium(
  open: () => Promise<DatabaseHandle>,
  okrs: Objective[] = OKRS,
): DashboardInChromium {
  const dashboard = {} as DashboardInChromium;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dashboard.database = await open();
    Object.assign(dashboard, await serve(dashboard.database, okrs));
    dashboard.browser = await launchChromium();
  });
  afterAll(async () => {
    await dashboard.browser?.close();
    await dashboard.app?.close();
    await dashboard.database?.close();
  });
  return dashboard;
}

/**
 * What a live dashboard must pick up: ARR of $120,000 recorded today, the rollups refreshed and a
 * finished GitHub pass; returns once the server can have seen the new rollup version (read once a second).
 */
export async function finishPassWithArr(handle: DatabaseHandle): Promise<void> {
  const at = NOW.toISOString();
  await handle.db
    .insertInto('manual_value')
    .values({
      metric: 'manual.arr',
      at: at.slice(0, 10),
      value: 120000,
      recorded_at: at,
      source: 'cli',
    })
    .execute();
  await refreshDailyMetrics(handle.db, 'UTC', NOW);
  await handle.db
    .insertInto('collection_run')
    .values({ id: 'r1', source: 'github', started_at: at, finished_at: at, ok: 1 })
    .execute();
  await new Promise((resolve) => setTimeout(resolve, 1100));
}
