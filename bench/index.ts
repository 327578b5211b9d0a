/**
 * `npm run bench`: measurements against the design's budgets (../README.md, "Performance"), printed
 * as a table and written to bench/results.json. Not a test: it never fails on a slow machine;
 * `--check` exits 1 when a budget is missed, for local use.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { launchChromium } from './browser.js';
import { captureAnswer, load, startServer } from './api.js';
import { benchCollection } from './collection.js';
import { benchDemoWeb, summarizeDemoWeb } from './demo-web.js';
import { benchIngest } from './ingest.js';
import { measureOverviewVitals, measureSpaSize } from './spa.js';
import { benchTimeZone } from './time-zone.js';

/** `--scale N`: the generated community at N× the design's size (1× = 100k stars…). */
function scaleArgument(): number {
  const at = process.argv.indexOf('--scale');
  if (at === -1) return 1;
  const scale = Number(process.argv[at + 1]);
  if (!(scale > 0)) {
    process.stderr.write(
      '--scale takes a positive number, e.g. --scale 3; run without it for 1×.\n',
    );
    process.exit(2);
  }
  return scale;
}
const scale = scaleArgument();

interface Row {
  what: string;
  value: number;
  unit: string;
  /** null: reported, no budget. */
  budget: number | null;
  kind: 'max' | 'min';
}

const rows: Row[] = [];
const add = (
  what: string,
  value: number,
  unit: string,
  budget: number | null = null,
  kind: 'max' | 'min' = 'max',
) => rows.push({ what, value, unit, budget, kind });
const log = (line: string) => process.stderr.write(`${line}\n`);
const dir = mkdtempSync(join(tmpdir(), 'pulseboard-bench-'));

const spa = measureSpaSize();
add('SPA JavaScript (gzip)', spa.jsGzipBytes / 1024, 'KB', 150);
add('SPA CSS (gzip)', spa.cssGzipBytes / 1024, 'KB');

if (process.argv.includes('--demo')) {
  const web = summarizeDemoWeb(await benchDemoWeb(dir, log));
  add('Demo overview on a phone (CPU 4× slower): LCP, median of 9', web.lcpMedianMs, 'ms', 1500);
  add('Demo overview on a phone: layout shift, worst of 9', web.clsMax, '', 0.1);
  add('Demo GET /api/okrs throughput', web.okrsRps, 'req/s');
  add('Bare route returning the same response', web.sameRps, 'req/s');
  add(
    '/api/okrs ÷ bare route with the same response (alternated, median)',
    web.okrsOverSame,
    '×',
    0.8,
    'min',
  );
  report();
  process.exit(process.exitCode ?? 0);
}

log('Ingest into SQLite…');
add(
  'Ingest, SQLite (pages of 100)',
  await benchIngest({ kind: 'sqlite', path: join(dir, 'ingest.db') }),
  'rows/s',
  100_000,
  'min',
);
const pgAdmin = 'postgres://postgres@127.0.0.1:5432/postgres';
try {
  const client = new pg.Client({ connectionString: pgAdmin });
  await client.connect();
  const name = `pulseboard_bench_${process.pid}`;
  await client.query(`CREATE DATABASE ${name}`);
  try {
    log('Ingest into PostgreSQL…');
    add(
      'Ingest, PostgreSQL (pages of 100)',
      await benchIngest({ kind: 'postgres', url: `postgres://postgres@127.0.0.1:5432/${name}` }),
      'rows/s',
    );
  } finally {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  }
} catch (error) {
  log(`PostgreSQL not measured: ${(error as Error).message}`);
}

const db = join(dir, 'bench.db');
const collection = await benchCollection(db, log, scale);
const b = collection.backfill;
for (const [resource, minimum] of Object.entries(collection.minimum)) {
  const used = b.requests[resource] ?? 0;
  add(`Backfill ${resource}: requests ÷ minimum (${used} ÷ ${minimum})`, used / minimum, '×', 1.05);
}
const backfillRequests = Object.values(b.requests).reduce((a, n) => a + n, 0);
add('Backfill: all requests', backfillRequests, 'req');
add('Backfill: GraphQL points', b.points, 'points');
add('Naive REST backfill (list + 1 call per PR and per issue)', collection.naive, 'req');
add('Naive ÷ Pulseboard requests', collection.naive / backfillRequests, '×');
add('Backfill wall time (no pacing)', b.wallMs / 1000, 's');
add('Backfill rows stored per second', b.rows / (b.wallMs / 1000), 'rows/s');
add('Rollup refresh after the backfill', b.refreshMs / 1000, 's');
add('Rollup refresh after the pass with 1% new items', collection.incremental.ms / 1000, 's');
add('CPU time of that refresh', collection.incremental.cpuMs / 1000, 's');
add('Peak RSS of that refresh (a process of its own)', collection.incremental.peakRssMb, 'MB', 250);
add('Full rebuild of the rollups', collection.rebuild.ms / 1000, 's');
add('CPU time of the full rebuild', collection.rebuild.cpuMs / 1000, 's');
add('Peak RSS of the full rebuild', collection.rebuild.peakRssMb, 'MB');
add('Collector peak RSS, 1% pass', collection.onePercent.peakRssMb, 'MB');
add('Collector peak RSS while collecting', b.collectPeakRssMb, 'MB', 200);
add('Collector peak RSS incl. the rollup refresh', b.peakRssMb, 'MB');
const u = collection.unchanged;
const primary = Object.entries(u.requests)
  .filter(([k]) => k.startsWith('REST '))
  .reduce((a, [, n]) => a + n, 0);
add('Unchanged pass: REST requests that are not 304', primary - u.notModified, 'req', 0);
add('Unchanged pass: GraphQL points per repo', u.points / collection.repos, 'points', 1);
const o = collection.onePercent;
add(
  'Pass after 1% new items: requests',
  Object.values(o.requests).reduce((a, n) => a + n, 0),
  'req',
);

if (process.argv.includes('--refresh-only')) {
  report();
  process.exit(process.exitCode ?? 0);
}

log('Full rebuild in UTC and in Europe/Berlin…');
const utc = benchTimeZone(db, 'UTC');
const berlin = benchTimeZone(db, 'Europe/Berlin');
add('Full rebuild (--full), UTC', utc.ms / 1000, 's');
add('Full rebuild (--full), Europe/Berlin', berlin.ms / 1000, 's');
add('Full rebuild CPU time, UTC', utc.cpuMs / 1000, 's');
add('Full rebuild CPU time, Europe/Berlin', berlin.cpuMs / 1000, 's');
add('Europe/Berlin ÷ UTC full rebuild wall time', berlin.ms / utc.ms, '×');
// The budget on CPU time: a shared machine's other load moves wall time far more.
add('Europe/Berlin ÷ UTC full rebuild CPU time', berlin.cpuMs / utc.cpuMs, '×', 1.2);

log('API under load…');
const api = await startServer('./api-server.js', [db]);
const okrsBody = join(dir, 'okrs.json');
// The very response /api/okrs sends autocannon (which asks for no compression).
await captureAnswer(`${api.url}/api/okrs`, okrsBody);
const bare = await startServer('./bare-server.js', [okrsBody]);
try {
  const bareLoad = await load(`${bare.url}/bare`);
  const sameLoad = await load(`${bare.url}/same`);
  const okrs = await load(`${api.url}/api/okrs`);
  const series = await load(`${api.url}/api/metrics/github.stars/series?interval=week`);
  add('GET /api/okrs p50', okrs.p50, 'ms');
  add('GET /api/okrs p97.5', okrs.p95, 'ms', 20);
  add('GET /api/okrs p99', okrs.p99, 'ms');
  add('GET /api/okrs throughput', okrs.rps, 'req/s', 2000, 'min');
  add('Bare Fastify route throughput', bareLoad.rps, 'req/s');
  add('/api/okrs ÷ bare route throughput', okrs.rps / bareLoad.rps, '×', 0.5, 'min');
  add('Bare route returning the same response as /api/okrs', sameLoad.rps, 'req/s');
  add('/api/okrs ÷ bare route with the same response', okrs.rps / sameLoad.rps, '×', 0.8, 'min');
  add('GET series (week) p97.5', series.p95, 'ms');
  add('GET series (week) throughput', series.rps, 'req/s');

  log('Overview in Chromium…');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${api.url}/`); // warm the server's caches and the browser's
    await page.waitForSelector('[data-kr]');
    const started = Date.now();
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-kr] svg').length >= 4);
    add('Overview render with 3 years of daily data', Date.now() - started, 'ms', 1000);
    const vitals = await measureOverviewVitals(browser, `${api.url}/`);
    add('Overview on a phone (CPU 4× slower): largest contentful paint', vitals.lcpMs, 'ms', 1500);
    add('Overview on a phone: cumulative layout shift', vitals.cls, '', 0.1);
  } finally {
    await browser.close();
  }
} finally {
  api.child.kill();
  bare.child.kill();
}

report();

function report() {
  const ok = (r: Row) =>
    r.budget === null || (r.kind === 'max' ? r.value <= r.budget : r.value >= r.budget);
  const width = Math.max(...rows.map((r) => r.what.length));
  const format = (value: number) =>
    Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(2);
  console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(16)}  ${'budget'.padStart(16)}  ok`);
  for (const r of rows) {
    const budget =
      r.budget === null ? '—' : `${r.kind === 'max' ? '≤' : '≥'} ${format(r.budget)} ${r.unit}`;
    console.log(
      `${r.what.padEnd(width)}  ${`${format(r.value)} ${r.unit}`.padStart(16)}  ${budget.padStart(16)}  ${ok(r) ? 'yes' : r.budget === null ? '' : 'NO'}`,
    );
  }
  // A part of the bench alone does not replace the whole run's results.
  if (!process.argv.includes('--refresh-only') && !process.argv.includes('--demo'))
    writeFileSync(
      fileURLToPath(new URL('../../bench/results.json', import.meta.url)),
      `${JSON.stringify({ measuredAt: new Date().toISOString(), node: process.version, rows: rows.map((r) => ({ ...r, ok: ok(r) })) }, null, 2)}\n`,
    );
  if (process.argv.includes('--check') && !rows.every(ok)) process.exitCode = 1;
}
