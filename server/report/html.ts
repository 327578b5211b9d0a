/**
 * The report as one self-contained HTML page: inline CSS and SVG charts, no scripts, no external
 * requests, so it can be mailed, archived or printed to PDF as it is. Each objective fits a page.
 */
import { formatValue, STATUS_LABEL, targetText } from '../format.js';
import type { Point } from '../kpi/series.js';
import type { ReportKeyResult, ReportModel } from './model.js';

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const STATUS_COLOR: Record<ReportKeyResult['status'], string> = {
  achieved: '#1a7f37',
  on_track: '#1a7f37',
  at_risk: '#9a6700',
  off_track: '#c2252d',
  missed: '#c2252d',
  no_data: '#57606a',
};

/** A small line chart of the series with the target as a dashed line. */
export function svgChart(points: readonly Point[], target: number | null, label: string): string {
  const W = 220;
  const H = 56;
  const values = points.filter((p): p is { t: string; v: number } => p.v !== null);
  if (values.length < 2) return '<span class="muted">not enough data</span>';
  const all = target === null ? values.map((p) => p.v) : [...values.map((p) => p.v), target];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const x = (i: number) => ((i / (points.length - 1)) * (W - 4) + 2).toFixed(1);
  const y = (v: number) => (H - 3 - ((v - min) / span) * (H - 6)).toFixed(1);
  const path = points
    .map((p, i) => (p.v === null ? null : `${x(i)},${y(p.v)}`))
    .filter(Boolean)
    .map((xy, i) => `${i === 0 ? 'M' : 'L'}${xy}`)
    .join(' ');
  const targetLine =
    target === null
      ? ''
      : `<line x1="2" x2="${W - 2}" y1="${y(target)}" y2="${y(target)}" stroke="#1a7f37" stroke-dasharray="4 3" stroke-width="1"/>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(label)}">${targetLine}<path d="${path}" fill="none" stroke="#0a5cc2" stroke-width="1.6"/></svg>`;
}

export function renderHtml(model: ReportModel): string {
  const e = escapeHtml;
  const sections = model.objectives
    .map((o) => {
      const rows = o.keyResults
        .map(
          (kr) => `<tr>
  <td><strong>${e(kr.label)}</strong><div class="muted">${e(kr.metric)}</div></td>
  <td><span class="status" style="color:${STATUS_COLOR[kr.status]}">${STATUS_LABEL[kr.status]}</span></td>
  <td class="num">${e(formatValue(kr.current, kr.unit))}</td>
  <td class="num">${e(targetText(kr))}</td>
  <td class="num">${kr.progress === null ? '—' : `${Math.round(kr.progress * 100)}%`}</td>
  <td class="num">${kr.deadline ? `${e(formatValue(kr.forecast, kr.unit))}<div class="muted">by ${kr.deadline}</div>` : '<span class="muted">standing</span>'}</td>
  <td>${svgChart(kr.series, kr.target, `${kr.label} by ${model.interval}`)}</td>
</tr>`,
        )
        .join('\n');
      return `<section>
<h2>${e(o.objective)}</h2>
<table>
<thead><tr><th>Key result</th><th>Status</th><th>Current</th><th>Target</th><th>Progress</th><th>Forecast</th><th>${model.interval === 'week' ? 'Weekly' : 'Monthly'}, ${model.from} – ${model.to}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(model.project)}: KPI report ${model.from} – ${model.to}</title>
<style>
  @page { size: A4 landscape; margin: 14mm; }
  body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24; margin: 2rem; }
  h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
  h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
  .muted { color: #57606a; font-size: 0.8rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { text-align: left; padding: 0.4rem 0.5rem; border-bottom: 1px solid #d0d7de; vertical-align: middle; }
  th { font-size: 0.8rem; color: #57606a; font-weight: 600; }
  .num { white-space: nowrap; }
  .status { font-weight: 700; }
  section { break-inside: avoid; }
  @media print { body { margin: 0; } section + section { break-before: page; } }
</style>
</head>
<body>
<h1>${e(model.project)}: KPI report</h1>
<p class="muted">Period ${model.from} – ${model.to} · generated ${e(model.generatedAt.slice(0, 16).replace('T', ' '))} UTC · Pulseboard</p>
${sections || '<p>No objectives are configured.</p>'}
</body>
</html>
`;
}
