/** The key-result table's progress: what the percentage is of, in Markdown, HTML and CSV. */
import { parse } from 'csv-parse/sync';
import { expect, test } from 'vitest';
import { renderHtml } from '../../../../server/report/html.js';
import type { ReportModel } from '../../../../server/report/model.js';
import { renderCsv, renderMarkdown } from '../../../../server/report/render.js';
import { reportKeyResult, reportModel } from '../../../helpers/report-model.js';

const kr = reportKeyResult;

function model(): ReportModel {
  const keyResults = [
    kr({}),
    kr({
      id: 'merge-time',
      metric: 'github.prs.merge_time.p50',
      label: 'Merge time',
      unit: 'hours',
      direction: 'at_most',
      target: 24,
      baseline: 30,
      current: 27,
      forecast: 26,
      progress: 0.5,
      better: 'at_most',
    }),
    kr({
      id: 'merged',
      metric: 'github.prs.merged',
      label: 'PRs merged',
      unit: 'count',
      target: 500,
      baseline: 310,
      current: 420,
      progress: 0.84,
      kind: 'per_period',
      periods: { per: 'month', met: 1, complete: 3, running: null, last: null },
    }),
    kr({ id: 'arr', label: 'ARR', current: null, progress: null, noValue: 'Nothing recorded' }),
  ];
  return reportModel([{ objective: 'Grow', keyResults }]);
}

test('Markdown: the progress column names its span, baseline → target (per period from 0)', () => {
  const lines = renderMarkdown(model()).split('\n');
  expect(lines).toContain(
    '| Key result | Status | Value | Target | Progress (baseline → target) | Forecast | Deadline | Previous period |',
  );
  const cell = (label: string) => lines.find((l) => l.startsWith(`| ${label} |`))!.split(' | ')[4];
  expect(cell('Active contributors')).toBe('84% (208 → 400)');
  expect(cell('Merge time')).toBe('50% (30 h → 24 h)');
  expect(cell('PRs merged')).toBe('84% (0 → 500)');
  expect(cell('ARR')).toBe('—');
});

test('HTML (and so the PDF): the span under the percentage, the heading saying what it is', () => {
  const html = renderHtml(model());
  expect(html).toContain('<th class="num">Progress<div class="sub">baseline → target</div></th>');
  expect(html).toContain(
    '<td data-label="Progress (baseline → target)" class="num">84%<div class="muted">208 → 400</div></td>',
  );
  expect(html).toContain('<div class="muted">0 → 500</div>');
});

test('CSV: progress_from is the value progress counts from, a number, not prose', () => {
  const rows = parse(renderCsv(model()), { columns: true }) as Record<string, string>[];
  const row = (label: string) =>
    rows.find((r) => r.key_result === label && r.row === 'key_result')!;
  expect(row('Active contributors')).toMatchObject({
    value: '370',
    target: '400',
    progress: '0.844',
    progress_from: '208',
  });
  expect(row('Merge time')).toMatchObject({ progress: '0.5', progress_from: '30' });
  expect(row('PRs merged')).toMatchObject({ progress: '0.84', progress_from: '0' });
  expect(row('ARR')).toMatchObject({ progress: '', progress_from: '' });
  // progress = (value − progress_from) / (target − progress_from)
  const active = row('Active contributors');
  expect(
    (Number(active.value) - Number(active.progress_from)) /
      (Number(active.target) - Number(active.progress_from)),
  ).toBeCloseTo(Number(active.progress), 3);
});

test('CSV: key results and health metrics alike carry the previous period’s value and the change', () => {
  const shares = {
    id: 'github.prs.acceptance_rate',
    label: 'PR acceptance rate',
    unit: 'ratio',
    kind: 'window',
    better: 'at_least',
    value: 0.81349,
    previous: 0.79751,
    historyFrom: '2024-01-01',
    noValue: null,
  } as const;
  const late = { ...shares, id: 'github.forks', label: 'GitHub forks', unit: 'count' } as const;
  const health = [shares, { ...late, value: 542, previous: null, historyFrom: '2026-02-01' }];
  const csv = renderCsv({ ...model(), health: [...health] });
  const rows = parse(csv, { columns: true }) as Record<string, string>[];
  const row = (kind: string, label: string) =>
    rows.find((r) => r.row === kind && (r.key_result || r.metric) === label)!;
  expect(row('key_result', 'Active contributors')).toMatchObject({
    period: '2026-03-31',
    value: '370',
    previous_period: '2025-12-31',
    previous: '307',
    change: '63',
    status: 'At risk',
    previous_status: 'Off track',
  });
  expect(row('key_result', 'ARR')).toMatchObject({ value: '', previous: '307', change: '' });
  expect(row('health', 'PR acceptance rate')).toMatchObject({
    period: '2026-01-01..2026-03-31',
    value: '0.813',
    previous_period: '2025-10-01..2025-12-31',
    previous: '0.798',
    change: '0.015',
  });
  expect(row('health', 'GitHub forks')).toMatchObject({ value: '542', previous: '', change: '' });
});

test('Markdown: a key result’s weekly table reads in one unit, the one its row and chart use', () => {
  const merge = kr({
    id: 'merge-time',
    label: 'Merge time',
    unit: 'hours',
    direction: 'at_most',
    target: 168,
    current: 64.4,
    forecast: null,
    series: [
      { t: '2025-12-29', v: 44.8 },
      { t: '2026-01-05', v: 48.7 },
      { t: '2026-01-12', v: 47.9 },
      { t: '2026-03-30', v: 64.4 },
    ],
  });
  const m = { ...model(), objectives: [{ objective: 'Grow', keyResults: [merge] }] };
  const lines = renderMarkdown(m).split('\n');
  expect(lines.find((l) => l.startsWith('| Merge time |'))!.split(' | ')[2]).toBe('2.7 d');
  expect(lines).toEqual(
    expect.arrayContaining([
      '| 2025-12-29 | 1.9 d |',
      '| 2026-01-05 | 2 d |',
      '| 2026-01-12 | 2 d |',
    ]),
  );
});

test('the summary says what the status words and the odds mean, in Markdown and HTML alike', () => {
  const legend =
    'On track: the trend of the last 28 days meets the target by its deadline. At risk: it gets at least 80% of the way (an at-most target: ends within 20% above it; without a deadline: the value is within 20% of the target). Off track: further short. “N% likely to make it”: the chance of meeting the target by the deadline, given how much the metric has varied, so a steady metric can be at risk and still unlikely to make it.';
  const lines = renderMarkdown(model()).split('\n');
  expect(lines.indexOf(`_${legend}_`)).toBe(
    lines.findIndex((l) => l.startsWith('4 key results')) + 2,
  );
  expect(renderHtml(model())).toContain(`<ul class="chips">`);
  expect(renderHtml(model())).toContain(`<p class="muted">${legend}</p>`);
});

test('HTML: a key result without data has no empty chart, no "by" date under a missing forecast, and its dates and values never break', () => {
  const empty = kr({
    id: 'stars',
    label: 'GitHub stars',
    status: 'no_data',
    current: null,
    progress: null,
    forecast: null,
    noValue: 'No value on 2024-03-31: history from Nov 26',
    previous: { current: null, status: 'no_data' },
    historyFrom: '2024-11-26',
  });
  const merge = kr({
    id: 'merge',
    label: 'Merge time',
    unit: 'hours',
    direction: 'at_most',
    target: 168,
    baseline: 29.9,
    current: 64.4,
    progress: 1,
    status: 'achieved',
    deadline: null,
    forecast: null,
    series: [{ t: '2024-03-25', v: 64.4 }],
  });
  const html = renderHtml({
    ...model(),
    from: '2024-01-01',
    to: '2024-03-31',
    asOf: '2024-03-31',
    previous: { from: '2023-10-01', to: '2023-12-31' },
    objectives: [{ objective: 'Grow', keyResults: [empty, merge] }],
  });
  const row = html.split('<tr>').find((r) => r.includes('GitHub stars'))!;
  expect(row).toContain('<td data-label="Forecast" class="num">—</td>');
  expect(row).toContain(
    'No value on <span class="day">2024-03-31</span>: history from Nov&nbsp;26',
  );
  expect(row).toContain('history from Nov&nbsp;26,&nbsp;2024<div class="muted">No data</div>');
  expect(html).not.toContain('No data in this period');
  expect(html.match(/<figure class="chart">/g)).toHaveLength(1);
  expect(html).toContain('<div class="muted">1.2&nbsp;d → 7&nbsp;d</div>');
});

test('HTML: a forecast’s deadline and odds are one note under the value, a line each (one item in a phone’s stacked row)', () => {
  const html = renderHtml({
    ...model(),
    objectives: [{ objective: 'Grow', keyResults: [kr({ probability: 0.046 })] }],
  });
  expect(html).toContain(
    '<td data-label="Forecast" class="num">397<div class="muted">by <span class="day">2026-12-31</span><br>5% likely to make it</div></td>',
  );
});
