/** The report model as Markdown (for a GitHub discussion), CSV and JSON. HTML and PDF: html.ts, pdf.ts. */
import {
  formatValue,
  keyResultValue,
  percentText,
  STATUS_LABEL,
  targetText,
} from '../../shared/format.js';
import {
  baselineText,
  oddsText,
  periodsMetText,
  progressFrom,
  progressSpanText,
} from '../../shared/okr-text.js';
import { metricDefinition, reportDefinitions } from './definitions.js';
import type { ReportKeyResult, ReportModel } from './model.js';
import { STATUS_ORDER } from './summary.js';
import {
  changeText,
  noValueLines,
  periodTitle,
  previousText,
  PROGRESS_HEADING,
  relativeText,
  shownChange,
  roundForExport,
  statusLegend,
} from './text.js';

/** Markdown table cells: pipes and line breaks would break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function markdownSummary(model: ReportModel): string[] {
  const { summary } = model;
  const counts = STATUS_ORDER.filter((s) => summary.counts[s] > 0)
    .map((s) => `${summary.counts[s]} ${STATUS_LABEL[s].toLowerCase()}`)
    .join(', ');
  const lines = [
    '## Summary',
    '',
    `${summary.total} key results as of ${model.asOf}: ${counts || 'none'}.`,
    '',
    `_${statusLegend()}_`,
    '',
  ];
  if (summary.movers.length > 0) {
    lines.push(`Biggest movers against ${periodTitle(model.previous, null)}:`, '');
    for (const m of summary.movers)
      lines.push(
        `- ${cell(m.label)}: ${formatValue(m.previous, m.unit, { alongside: [m.value, m.previous] })} → ${formatValue(m.value, m.unit, { alongside: [m.value, m.previous] })} (${shownChange(m.value, m.previous, m.unit)}, ${relativeText(m.relative)})`,
      );
    lines.push('');
  }
  lines.push(`Since ${model.previous.to}:`, '');
  if (summary.changes.length === 0) lines.push('- No key result changed status.');
  for (const c of summary.changes)
    lines.push(
      `- ${cell(c.label)}: ${STATUS_LABEL[c.before]} → ${STATUS_LABEL[c.after]} (${formatValue(c.valueBefore, c.unit, { alongside: [c.valueBefore, c.valueAfter] })} → ${formatValue(c.valueAfter, c.unit, { alongside: [c.valueBefore, c.valueAfter] })})`,
    );
  return [...lines, ''];
}

export function renderMarkdown(model: ReportModel): string {
  const lines = [
    `# ${model.project}: KPI report, ${periodTitle(model, model.quarter)}`,
    '',
    `Key results as of ${model.asOf} · compared with ${periodTitle(model.previous, null)} · generated ${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    ...markdownSummary(model),
  ];
  for (const objective of model.objectives) {
    lines.push(`## ${objective.objective}`, '');
    lines.push(
      `| Key result | Status | Value | Target | ${PROGRESS_HEADING} | Forecast | Deadline | Previous period |`,
      '|---|---|---|---|---|---|---|---|',
    );
    for (const kr of objective.keyResults) {
      lines.push(
        `| ${cell(kr.label)} | ${STATUS_LABEL[kr.status]} | ${valueCell(kr)} | ${targetText(kr)}${kr.periods ? ` a ${kr.periods.per}` : ''} | ${progressCell(kr)} | ${kr.deadline ? forecastCell(kr) : '—'} | ${kr.deadline ?? 'standing'} | ${previousText(kr, model.previous.from)} (${STATUS_LABEL[kr.previous.status]}) |`,
      );
    }
    lines.push('');
    const baselines = objective.keyResults.flatMap((kr) => {
      const note = baselineText(kr);
      return note ? [`- ${cell(kr.label)}: ${note}`] : [];
    });
    if (baselines.length > 0) lines.push(...baselines, '');
    for (const kr of objective.keyResults) {
      if (kr.series.length === 0) continue;
      const what = kr.kind === 'per_period' ? 'total' : 'value at the end';
      lines.push(`<details><summary>${cell(kr.label)} by ${model.interval}</summary>`, '');
      lines.push(`| ${model.interval === 'week' ? 'Week of' : 'Month'} | ${what} |`, '|---|---|');
      for (const p of kr.series) lines.push(`| ${p.t} | ${seriesValue(kr, p.v)} |`);
      lines.push('', '</details>', '');
    }
  }
  lines.push(...markdownHealth(model));
  const definitions = reportDefinitions(model);
  if (definitions.length > 0) lines.push('', '## What the metrics mean', '');
  for (const d of definitions) lines.push(`- **${d.label}**: ${d.definition}`);
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The metrics no key result tracks: a table of those with a value, a line per reason for the rest. */
function markdownHealth(model: ReportModel): string[] {
  if (model.health.length === 0) return [];
  const lines = ['## Other health metrics', ''];
  const valued = model.health.filter((h) => h.noValue === null);
  if (valued.length > 0)
    lines.push('| Metric | This period | Previous | Change |', '|---|---|---|---|');
  for (const m of valued) {
    const alongside = [m.value, m.previous];
    lines.push(
      `| ${cell(m.label)}${m.kind === 'per_period' ? ' (total)' : ''} | ${formatValue(m.value, m.unit, { alongside })} | ${formatValue(m.previous, m.unit, { alongside })} | ${changeText(m, model.previous.from)} |`,
    );
  }
  const none = noValueLines(model.health, model.asOf);
  if (none.length > 0 && valued.length > 0) lines.push('');
  for (const { reason, metrics } of none) lines.push(`- ${cell(reason)}: ${cell(metrics)}.`);
  return lines;
}

const CSV_COLUMNS = [
  'row',
  'objective',
  'key_result',
  'metric',
  'definition',
  'period',
  'value',
  'unit',
  'previous_period',
  'previous',
  'change',
  'target',
  'direction',
  'status',
  'previous_status',
  'progress',
  'progress_from',
  'forecast',
  'deadline',
  'probability',
  'periods_met',
  'periods_complete',
  'note',
] as const;

type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

/** RFC 4180: quote every field that needs it. */
const csvField = (value: string | number | null) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const blank: CsvRow = Object.fromEntries(CSV_COLUMNS.map((c) => [c, null])) as CsvRow;

/**
 * The change between two exported values, from the values as exported (rounded in their unit), so
 * `value` − `previous` is `change` in the sheet too.
 */
function exportedChange(value: number | null, previous: number | null, unit: string) {
  const [now, then] = [roundForExport(value, unit), roundForExport(previous, unit)];
  return now === null || then === null ? null : roundForExport(now - then, unit);
}

/** A key result as of the period's end, beside its value and status at the previous one's. */
function keyResultRows(model: ReportModel): CsvRow[] {
  return model.objectives.flatMap((o) =>
    o.keyResults.map((kr) => ({
      ...blank,
      row: 'key_result',
      objective: o.objective,
      key_result: kr.label,
      metric: kr.metricLabel,
      definition: metricDefinition(kr.metric),
      period: model.asOf,
      value: roundForExport(kr.current, kr.unit),
      unit: kr.unit,
      previous_period: model.previous.to,
      previous: roundForExport(kr.previous.current, kr.unit),
      change: exportedChange(kr.current, kr.previous.current, kr.unit),
      target: kr.target,
      direction: kr.direction === 'at_most' ? 'at most' : 'at least',
      status: STATUS_LABEL[kr.status],
      previous_status: STATUS_LABEL[kr.previous.status],
      progress: roundForExport(kr.progress, 'ratio'),
      progress_from: roundForExport(progressFrom(kr), kr.unit),
      forecast: roundForExport(kr.forecast, kr.unit),
      deadline: kr.deadline,
      probability: roundForExport(kr.probability, 'ratio'),
      periods_met: kr.periods?.met ?? null,
      periods_complete: kr.periods?.complete ?? null,
      note: kr.noValue,
    })),
  );
}

/**
 * One row per key result (as of the period's end, and at the previous period's end), one per key
 * result and week/month of its metric, and one per other health metric (this period and the
 * previous); labels, not ids; values rounded in their unit, named in `unit`.
 */
export function renderCsv(model: ReportModel): string {
  const rows: CsvRow[] = keyResultRows(model);
  for (const o of model.objectives)
    for (const kr of o.keyResults)
      for (const p of kr.series)
        rows.push({
          ...blank,
          row: model.interval,
          objective: o.objective,
          key_result: kr.label,
          metric: kr.metricLabel,
          period: p.t,
          value: roundForExport(p.v, kr.unit),
          unit: kr.unit,
        });
  for (const m of model.health)
    rows.push({
      ...blank,
      row: 'health',
      metric: m.label,
      definition: metricDefinition(m.id),
      period: `${model.from}..${model.asOf}`,
      value: roundForExport(m.value, m.unit),
      unit: m.unit,
      previous_period: `${model.previous.from}..${model.previous.to}`,
      previous: roundForExport(m.previous, m.unit),
      change: exportedChange(m.value, m.previous, m.unit),
      note: m.noValue,
    });
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((r) => CSV_COLUMNS.map((c) => csvField(r[c])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/**
 * A week's (month's) value in the scale of the key result's row and chart, so one table never mixes
 * "47.9 h" with "2 d".
 */
const seriesValue = (kr: ReportKeyResult, value: number | null) =>
  formatValue(value, kr.unit, {
    alongside: [...kr.series.map((p) => p.v), kr.current, kr.target, kr.forecast],
  });

/** "84% (208 → 400)": the percentage, and the span it is of (per period: from 0). */
function progressCell(kr: ReportKeyResult): string {
  const span = progressSpanText(kr, (v) => keyResultValue(kr, v));
  return `${percentText(kr.progress)}${span ? ` (${span})` : ''}`;
}

/** The value, and for a key result per period which period it is and how many met the target. */
function valueCell(kr: ReportKeyResult): string {
  if (kr.noValue !== null) return cell(kr.noValue);
  const value = keyResultValue(kr, kr.current);
  if (!kr.periods) return value;
  const running = kr.periods.running;
  const soFar = running
    ? `; ${keyResultValue(kr, running.soFar)} so far this ${kr.periods.per}`
    : '';
  return `${value} last ${kr.periods.per} (${periodsMetText(kr)}${soFar})`;
}

/** The forecast at the deadline (per period: of the running period), and the odds of making it. */
function forecastCell(kr: ReportKeyResult): string {
  const odds = oddsText(kr);
  return `${keyResultValue(kr, kr.forecast)}${odds ? ` (${odds})` : ''}`;
}
