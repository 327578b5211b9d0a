/**
 * /api/okrs for the key-result forms of issue 18: per-period targets (current = the last complete
 * period, the running one so far, periods met), the odds of making it, and where a baseline comes
 * from. The daily rollups are written as known series, so every figure is checked exactly.
 */
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../../config/load.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { renderDiscord } from '../../../server/digest/discord.js';
import { buildDigest } from '../../../server/digest/model.js';
import { renderSlack } from '../../../server/digest/slack.js';
import { buildApp } from '../../../server/app.js';
import { dayRange } from '../../../shared/dates.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import type { KeyResult, OkrsResponse } from '../../../server/schemas/okrs.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';

const NOW = '2026-06-10T12:00:00Z';
const TODAY = '2026-06-10';
// Merged PRs: 20 a day in odd months (620 in January, March, May), 10 in even ones (280, 300).
const merged = dayRange('2026-01-01', TODAY).map((day) => ({
  metric: 'github.prs.merged',
  scope: 'all',
  day,
  value: Number(day.slice(5, 7)) % 2 ? 20 : 10,
}));
// Stars: +0 and +4 in turn from 100, so the last 90 changes average 2 a day. 203 days to go.
const stars = dayRange('2026-01-01', TODAY).map((day, i) => ({
  metric: 'github.stars',
  scope: 'all',
  day,
  value: 100 + 4 * Math.floor(i / 2),
}));
const starsNow = stars.at(-1)!.value;
const starTrend = starsNow + 2 * 204; // on the line at the deadline: a coin toss

const kr = (...[id, metric, target, extra]: Parameters<typeof keyResult>) =>
  keyResult(id, metric, target, { label: id, ...extra });

const OKRS: Objective[] = [
  {
    objective: 'Grow',
    keyResults: [
      kr('merged-monthly', 'github.prs.merged', 500, { per: 'month' }),
      kr('merged-weekly', 'github.prs.merged', 100, { per: 'week' }),
      kr('stars-line', 'github.stars', starTrend, { deadline: '2026-12-31' }),
      kr('stars-met', 'github.stars', 200),
      kr('arr', 'manual.arr', 250_000, { unit: 'USD' }),
      kr('nps', 'manual.nps', 50),
    ],
  },
];

describe.each(DIALECTS)('/api/okrs key-result forms on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  let byId: Map<string, KeyResult>;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const recorded = { recorded_at: NOW, source: 'api' as const };
    // ARR first recorded in May, after the objective began on January 1st; NPS once, today.
    await upsertManualValue(database.db, {
      metric: 'manual.arr',
      at: '2026-05-01',
      value: 100_000,
      ...recorded,
    });
    await upsertManualValue(database.db, {
      metric: 'manual.arr',
      at: '2026-06-01',
      value: 110_000,
      ...recorded,
    });
    await upsertManualValue(database.db, {
      metric: 'manual.nps',
      at: TODAY,
      value: 31,
      ...recorded,
    });
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    await database.db
      .insertInto('daily_metric')
      .values([...merged, ...stars])
      .execute();
    app = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      settings: { project: 'Test', timezone: 'UTC', okrs: OKRS, adminToken: null },
    });
    const response = await app.inject('/api/okrs');
    expect(response.statusCode).toBe(200);
    const body = response.json() as OkrsResponse;
    byId = new Map(body.objectives.flatMap((o) => o.keyResults.map((k) => [k.id, k] as const)));
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  test('per month: current is May, June is so far, 3 of 5 months met', () => {
    const monthly = byId.get('merged-monthly')!;
    expect(monthly).toMatchObject({ current: 620, status: 'achieved', progress: 1 });
    expect(monthly.periods).toMatchObject({
      per: 'month',
      met: 3,
      complete: 5,
      last: { from: '2026-05-01', to: '2026-05-31' },
      running: { from: '2026-06-01', to: '2026-06-30', soFar: 100 },
    });
    // The 90 days to June 10 hold 19 March days at 20, 30 April days at 10, 31 May days at 20 and
    // 10 June days at 10: 1,400 / 90 a day for the 20 days left.
    expect(monthly.periods!.running!.forecast).toBeCloseTo(100 + (20 * 1400) / 90, 6);
    expect(monthly.forecast).toBe(monthly.periods!.running!.forecast);
    expect(monthly.probability).toBeGreaterThan(0);
    expect(monthly.probability).toBeLessThan(0.01);
  });

  test('per week: weeks start on Monday', () => {
    const weekly = byId.get('merged-weekly')!;
    // June 1st 2026 is a Monday: the last complete week is June 1–7 (7 × 10), the running one
    // June 8–10 (3 × 10). The first week counted is the one that starts in the data (January 5th).
    expect(weekly.current).toBe(70);
    expect(weekly.periods).toMatchObject({
      per: 'week',
      last: { from: '2026-06-01', to: '2026-06-07' },
      running: { from: '2026-06-08', to: '2026-06-14', soFar: 30 },
    });
    const weeks = weekly.periods!;
    expect(weeks.complete).toBe(22); // January 5th to June 7th
    expect(weeks.met).toBeGreaterThan(0);
    expect(weeks.met).toBeLessThan(weeks.complete);
  });

  test("weeks start on Monday in the project's time zone", async () => {
    // Sunday June 7th, 13:00 UTC is already Monday June 8th, 01:00 in Auckland.
    const auckland = await buildApp({
      database,
      webRoot: null,
      now: () => new Date('2026-06-07T13:00:00Z'),
      settings: { project: 'Test', timezone: 'Pacific/Auckland', okrs: OKRS, adminToken: null },
    });
    try {
      const body = (await auckland.inject('/api/okrs')).json() as OkrsResponse;
      const weekly = body.objectives[0]!.keyResults.find((k) => k.id === 'merged-weekly')!;
      expect(weekly.current).toBe(70); // June 1–7
      expect(weekly.periods).toMatchObject({
        last: { from: '2026-06-01', to: '2026-06-07' },
        running: { from: '2026-06-08', to: '2026-06-14', soFar: 10 },
      });
    } finally {
      await auckland.close();
    }
  });

  test('the odds: on the line is a coin toss; a level already met is made', () => {
    expect(byId.get('stars-line')!.probability).toBeCloseTo(0.5, 2);
    expect(byId.get('stars-met')).toMatchObject({ status: 'achieved', probability: 1 });
    expect(byId.get('stars-line')!.periods).toBeNull();
  });

  test('a manual value first recorded after the start says its baseline is its first value', () => {
    const arr = byId.get('arr')!;
    expect(arr).toMatchObject({
      baseline: 100_000,
      baselineFrom: { source: 'first_value', day: '2026-05-01' },
      current: 110_000,
    });
    expect(arr.progress).toBeCloseTo(10_000 / 150_000, 6);
    const nps = byId.get('nps')!;
    expect(nps).toMatchObject({
      baseline: 31,
      baselineFrom: { source: 'first_value', day: TODAY },
      probability: null, // one value: not enough history
    });
    expect(byId.get('stars-line')!.baselineFrom).toEqual({
      source: 'period_start',
      day: '2026-01-01',
    });
  });

  test('the digest says the periods met, so far, the odds and the baseline', async () => {
    // The running week (Jun 8 – Jun 14): its digest evaluates on today, as /api/okrs does.
    const model = await buildDigest(
      database.db,
      { project: 'Test', timezone: 'UTC', okrs: OKRS },
      '2026-W24',
      new Date(NOW),
    );
    const slack = JSON.stringify(renderSlack(model));
    const discord = JSON.stringify(renderDiscord(model));
    for (const text of [slack, discord]) {
      expect(text).toContain('620 last month (target ≥ 500 a month)');
      expect(text).toContain(
        ' · 3 of 5 months met · 100 so far this month · <1% likely to make it this month',
      );
      expect(text).toMatch(/stars-line.*? · 50% likely to make it/);
      expect(text).toContain('baseline: first value, recorded on 2026-05-01');
    }
  });

  test('the reports say the same, and the CSV carries the numbers', async () => {
    const md = (await app.inject('/api/report.md?from=2026-04-01&to=2026-06-10')).body;
    expect(md).toContain(
      '| 620 last month (3 of 5 months met; 100 so far this month) | ≥ 500 a month |',
    );
    expect(md).toMatch(/\| stars-line \|[^\n]*\(50% likely to make it\)/);
    expect(md).toContain('- arr: baseline: first value, recorded on 2026-05-01');
    const html = (await app.inject('/api/report.html?from=2026-04-01&to=2026-06-10')).body;
    expect(html).toContain('last month · 3 of 5 months met · 100 so far');
    expect(html).toContain('baseline: first value, recorded on 2026-05-01');
    const csv = (await app.inject('/api/report.csv?from=2026-04-01&to=2026-06-10')).body;
    // Parsed as CSV: the definitions and labels may hold commas.
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const row = (label: string) =>
      rows.find((r) => r.row === 'key_result' && r.objective === 'Grow' && r.key_result === label)!;
    expect(row('merged-monthly')).toMatchObject({
      value: '620',
      periods_met: '3',
      periods_complete: '5',
    });
    expect(Number(row('stars-line').probability)).toBeCloseTo(0.5, 2);
    expect(row('stars-met')).toMatchObject({ probability: '1', periods_met: '' });
  });
});
