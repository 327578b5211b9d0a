/**
 * `npm run bench`: measures against the design's budgets and prints a table. Not a test: it never
 * fails on a slow machine; `--check` exits 1 when a budget is missed, for local use.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measureSpaSize } from './spa.js';

interface Row {
  what: string;
  value: number;
  unit: string;
  budget: number;
  /** 'max': the value must stay at or under the budget; 'min': at or over. */
  kind: 'max' | 'min';
}

const rows: Row[] = [];
const spa = measureSpaSize();
rows.push({
  what: 'SPA JavaScript (gzip)',
  value: spa.jsGzipBytes / 1024,
  unit: 'KB',
  budget: 150,
  kind: 'max',
});
rows.push({
  what: 'SPA CSS (gzip)',
  value: spa.cssGzipBytes / 1024,
  unit: 'KB',
  budget: Number.POSITIVE_INFINITY,
  kind: 'max',
});

const ok = (r: Row) => (r.kind === 'max' ? r.value <= r.budget : r.value >= r.budget);
const width = Math.max(...rows.map((r) => r.what.length));
console.log(`${'measure'.padEnd(width)}  ${'value'.padStart(12)}  ${'budget'.padStart(12)}  ok`);
for (const r of rows) {
  const budget = Number.isFinite(r.budget)
    ? `${r.kind === 'max' ? '≤' : '≥'} ${r.budget} ${r.unit}`
    : '—';
  console.log(
    `${r.what.padEnd(width)}  ${`${r.value.toFixed(1)} ${r.unit}`.padStart(12)}  ${budget.padStart(12)}  ${ok(r) ? 'yes' : 'NO'}`,
  );
}
writeFileSync(
  fileURLToPath(new URL('../bench/results.json', import.meta.url)),
  `${JSON.stringify({ measuredAt: new Date().toISOString(), rows }, null, 2)}\n`,
);
if (process.argv.includes('--check') && !rows.every(ok)) process.exitCode = 1;
