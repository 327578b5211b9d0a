import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { KeyResult, Objective } from '../../../config/load.js';
import { buildApp } from '../../../server/app.js';
import { formatValue, STATUS_LABEL } from '../../../shared/format.js';
import { printPdf } from '../../../server/report/pdf.js';
import { roundForExport } from '../../../server/report/text.js';
import type { OkrsResponse } from '../../../server/schemas/okrs.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = '2026-11-01T00:00:00Z';
const kr = (id: string, metric: string, target: number, extra: Partial<KeyResult> = {}) =>
  keyResult(id, metric, target, { label: `KR ${id} | <b>bold</b>`, ...extra });
const OKRS: Objective[] = [
  {
    objective: 'Build community',
    keyResults: [
      kr('stars', 'github.stars', 2000),
      kr('discord', 'discord.members', 2000),
      kr('contributors', 'github.contributors', 500),
    ],
  },
  {
    objective: 'Healthy engagement',
    keyResults: [
      kr('merge', 'github.prs.merge_time.p50', 168, {
        direction: 'at_most',
        unit: 'hours',
        start: null,
        deadline: null,
      }),
    ],
  },
];

describe.each(DIALECTS)('KPI report on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  let okrs: OkrsResponse;

  beforeAll(async () => {
    const standIns = startStandIns(
      { repos: 2, stars: 800, pulls: 200, issues: 200, commits: 200, seed: 33, now: NOW },
      { members: 700, seed: 33, now: NOW },
    );
    database = await openTestDatabase(dialect);
    await collectStandIns(database.db, standIns, new Date(NOW));
    standIns.close();
    app = await buildApp({
      database,
      webRoot: null,
      now: () => new Date(NOW),
      settings: { project: 'Rocket', timezone: 'UTC', okrs: OKRS, adminToken: null },
    });
    okrs = (await app.inject('/api/okrs')).json();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const keyResults = () => okrs.objectives.flatMap((o) => o.keyResults);

  test('Markdown shows the same numbers and statuses as /api/okrs', async () => {
    const response = await app.inject('/api/report.md?from=2026-08-01&to=2026-11-01');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/markdown');
    const md = response.body;
    for (const k of keyResults()) {
      const row = md.split('\n').find((line) => line.startsWith(`| KR ${k.id} \\| <b>bold</b> |`));
      expect(row, k.id).toBeDefined();
      expect(row).toContain(`| ${STATUS_LABEL[k.status]} | ${formatValue(k.current, k.unit)} |`);
    }
    expect(md).toContain('## Build community');
    expect(md).toContain('KPI report, 2026-08-01 – 2026-11-01');
    expect(md).toContain('as of 2026-11-01');
  });

  test('CSV parses back to the same values', async () => {
    const csv = (await app.inject('/api/report.csv?from=2026-08-01&to=2026-11-01')).body;
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    for (const k of keyResults()) {
      const row = rows.find((r) => r.row === 'key_result' && r.key_result === k.label)!;
      expect(Number(row.value)).toBe(roundForExport(k.current, k.unit));
      expect(row.unit).toBe(k.unit);
      expect(Number(row.target)).toBe(k.target);
      expect(row.status).toBe(STATUS_LABEL[k.status]);
    }
    const weekly = rows.filter(
      (r) => r.row === 'week' && r.key_result === 'KR stars | <b>bold</b>',
    );
    expect(weekly.length).toBeGreaterThanOrEqual(13);
    expect(Number(weekly.at(-1)!.value)).toBe(keyResults().find((k) => k.id === 'stars')!.current);
  });

  test('HTML is self-contained: no external URL, no script, text escaped', async () => {
    const html = (await app.inject('/api/report.html')).body;
    expect(html).not.toMatch(/(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script|<link/i);
    expect(html).toContain('KR stars | &lt;b&gt;bold&lt;/b&gt;');
    expect(html.match(/<svg /g)?.length).toBe(4);
  });

  test('PDF: a valid PDF with at most one page per objective, one for the other health metrics and one for what the metrics mean', async () => {
    const response = await app.inject('/api/report.pdf');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-report-'));
    writeFileSync(join(dir, 'report.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'report.pdf')]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(OKRS.length + 2);
    // A picture of the first page, to look at (test/e2e/screenshots is not committed).
    const shots = fileURLToPath(new URL('../../e2e/screenshots/', import.meta.url));
    mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      join(dir, 'report.pdf'),
      join(shots, 'report-page-1'),
    ]);
  }, 60_000);

  test('without Chromium, PDF export says what to install', async () => {
    await expect(printPdf('<p>x</p>', null)).rejects.toThrow('apt-get install chromium');
  });

  test.each([
    ['/api/report.doc', 'format'],
    ['/api/report.md?from=2026-10-01&to=2026-09-01', 'after'],
    ['/api/report.md?from=yesterday', 'from'],
  ])('%s → 400', async (url, fragment) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(fragment);
  });
});
