/**
 * The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no external
 * requests, so it can be mailed, archived or printed to PDF as it is. Printed, it flows on A4
 * portrait (no page per objective: those left pages half empty); a chart or table row never splits.
 * On a phone the key-result tables turn into stacked rows and the charts into one column.
 */
import {
  formatValue,
  keyResultValue,
  percentText,
  STATUS_LABEL,
  targetText,
} from '../../shared/format.js';
import { baselineText, oddsText, periodsMetText, progressSpanText } from '../../shared/okr-text.js';
import { escapeXml as e, svgChart } from './chart.js';
import { reportDefinitions } from './definitions.js';
import { FIT_PAGES_STYLE, fitPagesScript } from './fit-pages.js';
import type { ReportKeyResult, ReportMetric, ReportModel } from './model.js';
import { STATUS_ORDER, type ReportSummary } from './summary.js';
import {
  changeText,
  noValueLines,
  periodTitle,
  previousText,
  PROGRESS_HEADING,
  relativeText,
  shownChange,
  statusLegend,
} from './text.js';

const STATUS_COLOR: Record<ReportKeyResult['status'], string> = {
  achieved: '#1a7f37',
  on_track: '#1a7f37',
  at_risk: '#9a6700',
  off_track: '#c2252d',
  missed: '#c2252d',
  no_data: '#57606a',
};

const status = (s: ReportKeyResult['status']) =>
  `<span class="status" style="color:${STATUS_COLOR[s]}">${STATUS_LABEL[s]}</span>`;

function summarySection(model: ReportModel, summary: ReportSummary): string {
  const chips = STATUS_ORDER.filter((s) => summary.counts[s] > 0)
    .map(
      (s) =>
        `<li><strong style="color:${STATUS_COLOR[s]}">${summary.counts[s]}</strong> ${STATUS_LABEL[s].toLowerCase()}</li>`,
    )
    .join('');
  const movers = summary.movers
    .map(
      (m) => `<tr>
  <td data-label="Metric">${e(m.label)}</td>
  <td data-label="Previous" class="num">${e(formatValue(m.previous, m.unit, { alongside: [m.value, m.previous] }))}</td>
  <td data-label="This period" class="num">${e(formatValue(m.value, m.unit, { alongside: [m.value, m.previous] }))}</td>
  <td data-label="Change" class="num" style="color:${m.good ? '#1a7f37' : '#c2252d'}">${e(shownChange(m.value, m.previous, m.unit))} (${relativeText(m.relative)})</td>
</tr>`,
    )
    .join('\n');
  const changes = summary.changes
    .map(
      (c) =>
        `<li><strong>${e(c.label)}</strong>: ${status(c.before)} → ${status(c.after)} <span class="muted">(${e(formatValue(c.valueBefore, c.unit, { alongside: [c.valueBefore, c.valueAfter] }))} → ${e(formatValue(c.valueAfter, c.unit, { alongside: [c.valueBefore, c.valueAfter] }))})</span></li>`,
    )
    .join('');
  return `<section class="summary">
<h2>Summary</h2>
<p>${summary.total} key result${summary.total === 1 ? '' : 's'} as of ${model.asOf}:</p>
<ul class="chips">${chips}</ul>
<p class="muted">${e(statusLegend())}</p>
${
  movers
    ? `<h3>Biggest movers against ${e(periodTitle(model.previous, null))}</h3>
<table class="stack"><thead><tr><th>Metric</th><th class="num">Previous</th><th class="num">This period</th><th class="num">Change</th></tr></thead><tbody>
${movers}
</tbody></table>`
    : ''
}
<h3>Since ${model.previous.to}</h3>
${changes ? `<ul class="changes">${changes}</ul>` : '<p class="muted">No key result changed status.</p>'}
</section>`;
}

/** Escaped text whose dates never break: "2024-03-31" and "Nov 26" stay on one line. */
const keepTogether = (html: string) =>
  html.replace(/\d{4}-\d{2}-\d{2}/g, '<span class="day">$&</span>').replace(/ (?=\d)/g, '&nbsp;');

function keyResultRow(kr: ReportKeyResult, model: ReportModel): string {
  const odds = oddsText(kr);
  const forecast = !kr.deadline
    ? '<span class="muted">standing target</span>'
    : kr.forecast === null
      ? '—'
      : `${e(keyResultValue(kr, kr.forecast))}<div class="muted">by <span class="day">${kr.periods?.running ? kr.periods.running.to : kr.deadline}</span>${odds ? `<br>${e(odds)}` : ''}</div>`;
  const periods = kr.periods
    ? `<div class="muted">last ${kr.periods.per} · ${e(periodsMetText(kr) ?? '')}${kr.periods.running ? ` · ${e(keyResultValue(kr, kr.periods.running.soFar))} so far` : ''}</div>`
    : '';
  const baseline = baselineText(kr);
  const span = progressSpanText(kr, (v) => keyResultValue(kr, v));
  return `<tr>
  <td data-label="Key result"><strong>${e(kr.label)}</strong>${kr.metricLabel !== kr.label ? `<div class="muted">${e(kr.metricLabel)}</div>` : ''}${baseline ? `<div class="muted">${e(baseline)}</div>` : ''}</td>
  <td data-label="Status">${status(kr.status)}</td>
  <td data-label="Value" class="num">${kr.noValue === null ? `${e(keyResultValue(kr, kr.current))}${periods}` : `<span class="why">${keepTogether(e(kr.noValue))}</span>`}</td>
  <td data-label="Target" class="num">${e(targetText(kr))}${kr.periods ? ` a ${kr.periods.per}` : ''}</td>
  <td data-label="${PROGRESS_HEADING}" class="num">${percentText(kr.progress)}${span ? `<div class="muted">${e(span).replace(/(?<!→) (?!→)/g, '&nbsp;')}</div>` : ''}</td>
  <td data-label="Forecast" class="num">${forecast}</td>
  <td data-label="Previous period" class="num${kr.previous.current === null ? ' wrap' : ''}">${keepTogether(e(previousText(kr, model.previous.from)))}<div class="muted">${STATUS_LABEL[kr.previous.status]}</div></td>
</tr>`;
}

function objectiveSection(model: ReportModel, o: ReportModel['objectives'][number]): string {
  // A key result without a value in the period has no chart: its row says why, and a caption-less
  // "No data" box per key result told the reader nothing more.
  const charts = o.keyResults
    .filter((kr) => kr.series.some((p) => p.v !== null))
    .map((kr) =>
      svgChart({
        label: kr.label,
        unit: kr.unit,
        kind: kr.kind,
        interval: model.interval,
        points: kr.series,
        target: kr.target,
        direction: kr.direction,
        firstDay: model.from,
        lastDay: model.asOf,
      }),
    )
    .join('\n');
  return `<section class="objective">
<h2>${e(o.objective)}</h2>
<table class="stack"><thead><tr><th>Key result</th><th>Status</th><th class="num">Value</th><th class="num">Target</th><th class="num">Progress<div class="sub">baseline → target</div></th><th class="num">Forecast</th><th class="num">Previous period</th></tr></thead><tbody>
${o.keyResults.map((kr) => keyResultRow(kr, model)).join('\n')}
</tbody></table>
${charts ? `<div class="charts">\n${charts}\n</div>` : ''}
</section>`;
}

function healthSection(model: ReportModel): string {
  if (model.health.length === 0) return '';
  const health = model.health.filter((m) => m.noValue === null);
  const none = noValueLines(model.health, model.asOf)
    .map(({ reason, metrics }) => `<li>${e(reason)}: ${e(metrics)}.</li>`)
    .join('\n');
  const row = (m: ReportMetric) => {
    const alongside = [m.value, m.previous];
    return `<tr>
  <td data-label="Metric">${e(m.label)}${m.kind === 'per_period' ? ' <span class="muted">(total)</span>' : ''}</td>
  <td data-label="This period" class="num">${e(formatValue(m.value, m.unit, { alongside }))}</td>
  <td data-label="Previous" class="num">${e(formatValue(m.previous, m.unit, { alongside }))}</td>
  <td data-label="Change" class="num${m.previous === null ? ' wrap' : ''}">${e(changeText(m, model.previous.from)).replace(/ (?=\d)/g, '&nbsp;')}</td>
</tr>`;
  };
  // Two tables side by side on a wide page (and in the PDF): a long list takes half the height.
  const half = Math.ceil(health.length / 2);
  const table = (part: readonly ReportMetric[]) =>
    `<table class="stack"><thead><tr><th>Metric</th><th class="num">This period</th><th class="num">Previous</th><th class="num">Change</th></tr></thead><tbody>
${part.map(row).join('\n')}
</tbody></table>`;
  return `<section class="health">
<h2>Other health metrics</h2>
<p class="muted">Totals over the period for counts per period; otherwise the value at its end.</p>
${none ? `<ul class="muted no-value">${none}</ul>` : ''}
${health.length > 0 ? `<div class="health-tables">\n${table(health.slice(0, half))}\n${health.length > 1 ? table(health.slice(half)) : ''}\n</div>` : ''}
</section>`;
}

/** What each metric named above counts, a line each: small, after everything else. */
function definitionsSection(model: ReportModel): string {
  const rows = reportDefinitions(model)
    .map(({ label, definition }) => `<tr><th>${e(label)}</th><td>${e(definition)}</td></tr>`)
    .join('\n');
  return rows
    ? `<section class="definitions">
<h2>What the metrics mean</h2>
<table>
${rows}
</table>
</section>`
    : '';
}

/** `forPdf` adds the script that fits the content to A4 pages (see fit-pages.ts). */
export function renderHtml(model: ReportModel, options: { forPdf?: boolean } = {}): string {
  const title = periodTitle(model, model.quarter);
  const sections = model.objectives.map((o) => objectiveSection(model, o)).join('\n');
  return `<!doctype html>
<html lang="en"${options.forPdf ? ' class="pdf"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.project)}: KPI report ${e(title)}</title>
<style>${STYLE}${options.forPdf ? FIT_PAGES_STYLE : ''}</style>
</head>
<body>
<header>
<h1>${e(model.project)}: KPI report, ${e(title)}</h1>
<p class="muted">Key results as of ${model.asOf}${model.asOf < model.to ? ' (the period is still running)' : ''} · compared with ${e(periodTitle(model.previous, null))} · generated ${e(model.generatedAt.slice(0, 16).replace('T', ' '))} UTC by Pulseboard</p>
</header>
${summarySection(model, model.summary)}
${sections || '<p>No objectives are configured.</p>'}
${healthSection(model)}
${definitionsSection(model)}
${options.forPdf ? fitPagesScript() : ''}
</body>
</html>
`;
}

const STYLE = `
  .health-tables { display: grid; grid-template-columns: 1fr; gap: 0 1.25rem; }
  @media (min-width: 700px) { .health-tables { grid-template-columns: 1fr 1fr; } }
  html.pdf .health-tables { grid-template-columns: 1fr 1fr; }
  html.pdf .health-tables table { font-size: 0.75rem; }
  html.pdf .health-tables th, html.pdf .health-tables td { padding: 0.12rem 0.25rem; }
  html.pdf .health-tables td:first-child, html.pdf .health-tables th:first-child { min-width: 0; }

  .definitions table { font-size: 0.75rem; color: #57606a; }
  .definitions th, .definitions td { padding: 0.12rem 0.4rem 0.12rem 0; border: 0; font-size: inherit; }
  .definitions th { color: #1b1f24; font-weight: 600; width: 13rem; }

  @page { size: A4 portrait; margin: 12mm; }
  * { box-sizing: border-box; }
  body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; font-size: 14px; line-height: 1.35; }
  h1 { font-size: 1.35rem; margin: 0 0 0.2rem; }
  h2 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; border-bottom: 2px solid #d0d7de; padding-bottom: 0.15rem; }
  h3 { font-size: 0.95rem; margin: 0.8rem 0 0.3rem; }
  p { margin: 0.3rem 0; }
  .muted { color: #57606a; font-size: 0.8rem; }
  .why { color: #57606a; font-size: 0.8rem; }
  span.why { display: inline-block; min-width: 7rem; max-width: 13rem; white-space: normal; text-align: left; }
  td.wrap { white-space: normal; min-width: 6.5em; }
  .no-value { margin: 0.2rem 0 0.4rem; padding-left: 1.2rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.85rem; }
  th, td { text-align: left; padding: 0.3rem 0.4rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
  th { font-size: 0.75rem; color: #57606a; font-weight: 600; }
  th .sub { font-weight: 400; }
  .num { text-align: right; white-space: nowrap; }
  th.num, td.num .muted { white-space: normal; }
  .day { white-space: nowrap; }
  th:first-child, td:first-child { min-width: 9rem; }
  tr { break-inside: avoid; }
  .status { font-weight: 700; white-space: nowrap; }
  .chips { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; list-style: none; padding: 0; margin: 0.3rem 0; font-size: 0.95rem; }
  .chips strong { font-size: 1.3rem; }
  .changes { margin: 0.2rem 0; padding-left: 1.2rem; }
  .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.5rem 1rem; margin-top: 0.6rem; }
  figure.chart { margin: 0; break-inside: avoid; }
  figure.chart svg { width: 100%; height: auto; display: block; font-size: 9px; fill: #57606a; }
  figure.chart .axis-title { font-weight: 600; }
  figcaption { font-size: 0.75rem; color: #57606a; }
  h2, h3 { break-after: avoid; }
  @media print { body { margin: 0; padding: 0; max-width: none; font-size: 12px; } }
  @media (max-width: 640px) {
    body { margin: 0.75rem auto; padding: 0 0.75rem; }
    .charts { grid-template-columns: minmax(0, 1fr); }
    table.stack thead { display: none; }
    table.stack tr { display: block; border-bottom: 1px solid #d0d7de; padding: 0.3rem 0; }
    table.stack td { display: flex; justify-content: space-between; gap: 1rem; border: 0; padding: 0.1rem 0; text-align: right; white-space: normal; }
    table.stack td::before { content: attr(data-label); color: #57606a; font-size: 0.8rem; text-align: left; }
    table.stack td:first-child { display: block; text-align: left; }
    table.stack td:first-child::before { content: none; }
    .definitions tr, .definitions th, .definitions td { display: block; width: auto; }
    .definitions td { padding-bottom: 0.3rem; }
  }
`;
