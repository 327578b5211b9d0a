/** The report model as Markdown (for a GitHub discussion), CSV and JSON. HTML and PDF: html.ts, pdf.ts. */
import { formatValue, STATUS_LABEL, targetText } from '../format.js';
import type { ReportModel } from './model.js';

const percent = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);
/** Markdown table cells: pipes and line breaks would break the row. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderMarkdown(model: ReportModel): string {
  const lines = [
    `# ${model.project}: KPI report`,
    '',
    `Period ${model.from} to ${model.to} · generated ${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
  ];
  for (const objective of model.objectives) {
    lines.push(`## ${objective.objective}`, '');
    lines.push(
      '| Key result | Status | Current | Target | Progress | Forecast | Deadline |',
      '|---|---|---|---|---|---|---|',
    );
    for (const kr of objective.keyResults) {
      lines.push(
        `| ${cell(kr.label)} | ${STATUS_LABEL[kr.status]} | ${formatValue(kr.current, kr.unit)} | ${targetText(kr)} | ${percent(kr.progress)} | ${kr.deadline ? formatValue(kr.forecast, kr.unit) : '—'} | ${kr.deadline ?? 'standing'} |`,
      );
    }
    lines.push('');
    for (const kr of objective.keyResults) {
      if (kr.series.length === 0) continue;
      lines.push(`<details><summary>${cell(kr.label)} by ${model.interval}</summary>`, '');
      lines.push(`| ${model.interval === 'week' ? 'Week of' : 'Month'} | Value |`, '|---|---|');
      for (const p of kr.series) lines.push(`| ${p.t} | ${formatValue(p.v, kr.unit)} |`);
      lines.push('', '</details>', '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const CSV_COLUMNS = [
  'row',
  'objective',
  'key_result',
  'metric',
  'period',
  'value',
  'target',
  'direction',
  'status',
  'progress',
  'forecast',
  'deadline',
] as const;

/** RFC 4180: quote every field that needs it. */
const csvField = (value: string | number | null) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per key result (its current state), then one per key result and period of its metric. */
export function renderCsv(model: ReportModel): string {
  const rows: (string | number | null)[][] = [[...CSV_COLUMNS]];
  for (const o of model.objectives) {
    for (const kr of o.keyResults) {
      rows.push([
        'key_result',
        o.objective,
        kr.id,
        kr.metric,
        'current',
        kr.current,
        kr.target,
        kr.direction,
        kr.status,
        kr.progress,
        kr.forecast,
        kr.deadline,
      ]);
    }
  }
  for (const o of model.objectives) {
    for (const kr of o.keyResults) {
      for (const p of kr.series)
        rows.push([
          model.interval,
          o.objective,
          kr.id,
          kr.metric,
          p.t,
          p.v,
          null,
          null,
          null,
          null,
          null,
          null,
        ]);
    }
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}
