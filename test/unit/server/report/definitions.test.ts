/** Every metric a report names comes with a line saying what it counts (server/report/definitions.ts). */
import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { METRICS } from '../../../../server/kpi/metrics/index.js';
import { metricDefinition } from '../../../../server/report/definitions.js';
import { renderHtml } from '../../../../server/report/html.js';
import type { ReportMetric } from '../../../../server/report/model.js';
import { renderCsv, renderMarkdown } from '../../../../server/report/render.js';
import { reportKeyResult, reportModel } from '../../../helpers/report-model.js';

test.each(METRICS.map((m) => [m.id, m.label]))('%s (%s) has a one-line definition', (id) => {
  const definition = metricDefinition(id);
  expect(definition).toMatch(/^[A-Z].{15,160}\.$/);
  expect(definition).not.toContain('\n');
});

test('a manual metric says it is recorded by hand, and how', () => {
  expect(metricDefinition('manual.arr')).toContain('records by hand');
});

const health = (id: string, label: string): ReportMetric => ({
  id,
  label,
  unit: 'people',
  kind: 'window',
  better: 'at_least',
  value: 11,
  previous: 12,
  historyFrom: '2024-01-01',
  noValue: null,
});

function model() {
  const keyResults = [
    reportKeyResult({ label: 'Grow the contributor base' }),
    reportKeyResult({
      id: 'arr',
      metric: 'manual.arr',
      label: 'ARR',
      metricLabel: 'ARR',
      unit: 'USD',
    }),
  ];
  return reportModel(
    [{ objective: 'Grow', keyResults }],
    [
      health('github.bus_factor', 'Bus factor'),
      health('github.forks.contributing_share', 'Fork owners who contribute'),
    ],
  );
}

const BUS_FACTOR = metricDefinition('github.bus_factor')!;

test('HTML and Markdown end with what each metric named means, once each, by the name the report uses', () => {
  const html = renderHtml(model());
  const section = html.slice(html.indexOf('<section class="definitions">'));
  const names = [...section.matchAll(/<tr><th>([^<]*)<\/th>/g)].map((m) => m[1]);
  expect(names).toEqual(['Active contributors', 'ARR', 'Bus factor', 'Fork owners who contribute']);
  expect(section).toContain(`<tr><th>Bus factor</th><td>${BUS_FACTOR}</td></tr>`);
  expect(html.indexOf('<section class="definitions">')).toBeGreaterThan(
    html.indexOf('<section class="health">'),
  );
  const md = renderMarkdown(model()).split('\n');
  const from = md.indexOf('## What the metrics mean');
  expect(from).toBeGreaterThan(md.indexOf('## Other health metrics'));
  expect(md.slice(from + 2)).toEqual([
    `- **Active contributors**: ${metricDefinition('github.contributors.active')}`,
    `- **ARR**: ${metricDefinition('manual.arr')}`,
    `- **Bus factor**: ${BUS_FACTOR}`,
    `- **Fork owners who contribute**: ${metricDefinition('github.forks.contributing_share')}`,
    '',
  ]);
});

test('CSV: a key result’s and a health metric’s row carry the definition; a week’s row does not repeat it', () => {
  const m = model();
  m.objectives[0]!.keyResults[0]!.series = [{ t: '2026-01-05', v: 300 }];
  const rows = parse(renderCsv(m), { columns: true }) as Record<string, string>[];
  expect(rows.find((r) => r.metric === 'Bus factor')!.definition).toBe(BUS_FACTOR);
  const active = rows.filter((r) => r.key_result === 'Grow the contributor base');
  expect(active.map((r) => [r.row, r.definition])).toEqual([
    ['key_result', metricDefinition('github.contributors.active')],
    ['week', ''],
  ]);
});
