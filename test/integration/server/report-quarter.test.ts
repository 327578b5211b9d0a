/**
 * The quarterly report evaluates key results as they stood at the end of the quarter, from the
 * daily rollups, not with today's values; its PDF fills its A4 pages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../../config/load.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { buildApp } from '../../../server/app.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import type { ReportModel } from '../../../server/report/model.js';
import type { OkrsResponse } from '../../../server/schemas/okrs.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';
import { pageFill } from '../../helpers/pdf.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = '2026-11-01T00:00:00Z';
const OKRS: Objective[] = [
  {
    objective: 'Build community',
    keyResults: [
      keyResult('stars', 'github.stars', 3000, { label: 'Stars on all repositories' }),
      keyResult('discord', 'discord.members', 2000, { label: 'Discord members' }),
      keyResult('contributors', 'github.contributors', 800, { label: 'Contributors' }),
      keyResult('merged', 'github.prs.merged', 20, { label: 'PRs merged a week' }),
    ],
  },
  {
    objective: 'Healthy engagement',
    keyResults: [
      keyResult('merge', 'github.prs.merge_time.p50', 168, {
        label: 'Median merge time',
        direction: 'at_most',
        unit: 'hours',
        start: null,
        deadline: null,
      }),
      keyResult('arr', 'manual.arr', 250_000, { label: 'Annual recurring revenue', unit: 'USD' }),
    ],
  },
];
const SHOTS = fileURLToPath(new URL('../../e2e/screenshots/', import.meta.url));

describe('the 2026Q1 report, made in November', () => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  let today: OkrsResponse;
  let model: ReportModel;
  /** The value of each key result's metric on 2026-03-31, read from the series API. */
  const march31 = new Map<string, number | null>();

  beforeAll(async () => {
    const standIns = startStandIns(
      { repos: 2, stars: 2500, pulls: 600, issues: 400, commits: 300, seed: 7, now: NOW },
      { members: 1500, seed: 7, now: NOW },
    );
    database = await openTestDatabase('sqlite');
    await collectStandIns(database.db, standIns, new Date(NOW));
    standIns.close();
    for (const [at, value] of [
      ['2025-10-01', 80_000],
      ['2026-01-01', 100_000],
      ['2026-03-01', 120_000],
      ['2026-09-01', 200_000],
    ] as const)
      await upsertManualValue(database.db, {
        metric: 'manual.arr',
        at,
        value,
        recorded_at: NOW,
        source: 'cli',
      });
    await refreshDailyMetrics(database.db, 'UTC', new Date(NOW));
    app = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      settings: { project: 'Rocket', timezone: 'UTC', okrs: OKRS, adminToken: null },
    });
    today = (await app.inject('/api/okrs')).json();
    model = (await app.inject('/api/report.json?quarter=2026Q1')).json();
    for (const kr of OKRS.flatMap((o) => o.keyResults)) {
      // Per-period key results track the trailing 7-day sum: the week up to March 31.
      const perWeek = kr.metric === 'github.prs.merged';
      const from = perWeek ? '2026-03-25' : '2026-03-31';
      const series = (
        await app.inject(`/api/metrics/${kr.metric}/series?from=${from}&to=2026-03-31&interval=day`)
      ).json() as { points: { v: number | null }[] };
      march31.set(
        kr.id,
        perWeek
          ? series.points.reduce((sum, p) => sum + (p.v ?? 0), 0)
          : (series.points.at(-1)?.v ?? null),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const keyResults = () => model.objectives.flatMap((o) => o.keyResults);

  test('key results hold their March 31 values, not today’s', () => {
    expect(model).toMatchObject({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-03-31' });
    expect(model.previous).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    const now = new Map(today.objectives.flatMap((o) => o.keyResults).map((k) => [k.id, k]));
    let differ = 0;
    for (const kr of keyResults()) {
      expect(kr.current, kr.id).toBe(march31.get(kr.id));
      if (kr.current !== now.get(kr.id)!.current) differ++;
    }
    // The history keeps growing after March: most values today are not March's.
    expect(differ).toBeGreaterThanOrEqual(4);
    expect(keyResults().find((k) => k.id === 'arr')!.current).toBe(120_000);
    // Series stop at the period's end.
    for (const kr of keyResults()) expect(kr.series.at(-1)?.t ?? '', kr.id).toBe('2026-03-30');
  });

  test('the previous period is evaluated at its own end, and the summary counts every key result', () => {
    const arr = keyResults().find((k) => k.id === 'arr')!;
    expect(arr.previous.current).toBe(80_000);
    const counts = Object.values(model.summary.counts).reduce((a, b) => a + b, 0);
    expect(counts).toBe(keyResults().length);
    expect(model.summary.movers.length).toBeGreaterThan(0);
    for (const m of model.summary.movers) expect(m.change).toBeCloseTo(m.value - m.previous);
    // Health metrics are the ones no key result tracks.
    const tracked = new Set(OKRS.flatMap((o) => o.keyResults.map((k) => k.metric)));
    expect(model.health.length).toBeGreaterThan(5);
    for (const m of model.health) expect(tracked.has(m.id), m.id).toBe(false);
  });

  test('a finished quarter is compared with the previous one to its last day', async () => {
    // Q1 has 90 days and Q4 92: counting Q1's days into Q4 compared with Dec 29 while the report
    // said "compared with 2025-10-01 – 2025-12-31".
    const series = (
      await app.inject(
        '/api/metrics/github.stars/series?from=2025-12-29&to=2025-12-31&interval=day',
      )
    ).json() as { points: { t: string; v: number | null }[] };
    const dec31 = series.points.find((p) => p.t === '2025-12-31')!.v;
    expect(dec31).not.toBe(series.points.find((p) => p.t === '2025-12-29')!.v);
    const stars = keyResults().find((k) => k.id === 'stars')!;
    expect(stars.previous.current).toBe(dec31);
  });

  test('a running quarter names the days it is compared with: as many of the previous quarter', async () => {
    // On Nov 1, 2026Q4 has run 32 days; its key results are set against Aug 1, and the report
    // said "compared with 2026-07-01 – 2026-09-30" and "since the end of the previous period".
    const running = (await app.inject('/api/report.json?quarter=2026Q4')).json() as ReportModel;
    expect(running.previous).toEqual({ from: '2026-07-01', to: '2026-08-01' });
    const arr = running.objectives.flatMap((o) => o.keyResults).find((k) => k.id === 'arr')!;
    expect(arr.previous.current).toBe(120_000); // Aug 1's, not Sep 30's 200,000
    const md = (await app.inject('/api/report.md?quarter=2026Q4')).body;
    expect(md).toContain('compared with 2026-07-01 – 2026-08-01');
    expect(md).toContain('Since 2026-08-01:');
    expect(md).not.toContain('2026-09-30');
  });

  test('a quarter that has not begun is refused with what to ask for instead', async () => {
    const res = await app.inject('/api/report.md?quarter=2027Q1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'quarter "2027Q1" has not started yet (today is 2026-11-01); ask for 2026Q4 or earlier.',
    );
  });

  test('CSV: labels, a unit column, values rounded in their unit', async () => {
    const csv = (await app.inject('/api/report.csv?quarter=2026Q1')).body;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const merge = rows.find((r) => r.row === 'key_result' && r.key_result === 'Median merge time')!;
    expect(merge.unit).toBe('hours');
    expect(merge.value).toMatch(/^\d+(\.\d)?$/);
    expect(Number(merge.value)).toBeCloseTo(march31.get('merge')!, 1);
    const arr = rows.find((r) => r.key_result === 'Annual recurring revenue')!;
    expect([arr.value, arr.unit, arr.status]).toEqual(['120000', 'USD', arr.status]);
    for (const r of rows) expect(r.value, JSON.stringify(r)).toMatch(/^(-?\d+(\.\d{1,3})?)?$/);
    expect(csv).not.toMatch(/github\.|manual\./);
  });

  test('Markdown and HTML show labels and the as-of day, never metric ids', async () => {
    for (const format of ['md', 'html']) {
      const body = (await app.inject(`/api/report.${format}?quarter=2026Q1`)).body;
      expect(body).toContain('2026Q1 (2026-01-01 – 2026-03-31)');
      expect(body).toContain('as of 2026-03-31');
      expect(body).toContain('Annual recurring revenue');
      expect(body).not.toMatch(/github\.|discord\.members|manual\./);
    }
    const html = (await app.inject('/api/report.html?quarter=2026Q1')).body;
    // One chart per key result, each with a y-axis title and date labels.
    expect(html.match(/<svg /g)?.length).toBe(keyResults().length);
    expect(html).toContain('class="axis-title">days<');
    expect(html).toMatch(/>Mar \d+</);
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(SHOTS, 'report-2026Q1.html'), html);
  });

  test.each([
    ['quarter=2026Q5', 'quarter'],
    ['quarter=2026Q1&from=2026-01-01', 'quarter'],
    ['quarter=Q1', 'quarter'],
    ['quarter=1999Q4', 'quarter'],
  ])('?%s → 400 naming %s', async (query, field) => {
    const response = await app.inject(`/api/report.md?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(field);
  });

  test('the cache keeps a quarter apart from the same days asked for with from/to', async () => {
    const quarter = (await app.inject('/api/report.md?quarter=2026Q1')).body;
    const days = await app.inject('/api/report.md?from=2026-01-01&to=2026-03-31');
    expect(quarter).toContain('KPI report, 2026Q1');
    expect(days.statusCode).toBe(200);
    expect(days.body).not.toContain('KPI report, 2026Q1');
    expect(days.headers['content-disposition']).toContain('2026-01-01-2026-03-31');
  });

  test('PDF: A4 pages, none of them more than half empty', async () => {
    const response = await app.inject('/api/report.pdf?quarter=2026Q1');
    expect(response.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-q1-'));
    writeFileSync(join(dir, 'report.pdf'), response.rawPayload);
    const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')]).toString();
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    execFileSync('pdftoppm', ['-gray', '-r', '50', join(dir, 'report.pdf'), join(dir, 'page')]);
    const pages = readdirSync(dir)
      .filter((f) => f.startsWith('page'))
      .sort();
    expect(pages.length).toBeGreaterThanOrEqual(1);
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '70',
      join(dir, 'report.pdf'),
      join(SHOTS, 'report-2026Q1'),
    ]);
    for (const page of pages) {
      const fill = pageFill(join(dir, page));
      expect(fill, page).toBeGreaterThan(0.5);
    }
  }, 90_000);
});
