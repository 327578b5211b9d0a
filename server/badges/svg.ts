/**
 * Self-contained SVG for READMEs: a shields-style badge (label | value) and a small line chart.
 * No scripts, no external references; every piece of text is XML-escaped.
 */
import { textWidth } from './text-width.js';

export function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 does not allow at all would make the whole image invalid.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Long labels are cut: a badge is a glance, the dashboard has the rest. */
export function clip(text: string, max = 60): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Dark text on light colours, white on dark ones (WCAG relative luminance). */
function textColour(background: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(background.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.4 ? '#333' : '#fff';
}

const FONT = 'Verdana,Geneva,DejaVu Sans,sans-serif';
const PAD = 5;

export interface BadgeSpec {
  label: string;
  value: string;
  /** `#rrggbb` of the value's side. */
  colour: string;
}

export function renderBadge(spec: BadgeSpec): string {
  const label = clip(spec.label);
  const value = clip(spec.value, 40);
  const labelText = textWidth(label);
  const valueText = textWidth(value);
  const labelWidth = Math.ceil(labelText + 2 * PAD);
  const valueWidth = Math.ceil(valueText + 2 * PAD);
  const width = labelWidth + valueWidth;
  const title = escapeXml(`${label}: ${value}`);
  // shields' trick: draw at 10× in a scale(.1) group, so text positions keep a decimal of precision.
  const text = (content: string, centre: number, length: number, fill: string) =>
    `<text aria-hidden="true" x="${centre * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${Math.round(length * 10)}">${escapeXml(content)}</text>` +
    `<text x="${centre * 10}" y="140" transform="scale(.1)" fill="${fill}" textLength="${Math.round(length * 10)}">${escapeXml(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${spec.colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="${FONT}" text-rendering="geometricPrecision" font-size="110">`,
    text(label, labelWidth / 2, labelText, '#fff'),
    text(value, labelWidth + valueWidth / 2, valueText, textColour(spec.colour)),
    `</g></svg>`,
  ].join('');
}

export interface ChartSpec {
  title: string;
  /** The latest value, formatted. */
  current: string;
  points: readonly { t: string; v: number | null }[];
  target: { value: number; text: string } | null;
  format: (value: number) => string;
  colour: string;
}

const CHART = { width: 480, height: 180, left: 56, right: 12, top: 34, bottom: 24 } as const;

export function renderChart(spec: ChartSpec): string {
  const { width, height, left, right, top } = CHART;
  const plot = chartScale(spec);
  const title = escapeXml(clip(spec.title, 50));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}: ${escapeXml(spec.current)}">`,
    `<title>${title}: ${escapeXml(spec.current)}</title>`,
    `<rect x=".5" y=".5" width="${width - 1}" height="${height - 1}" rx="6" fill="#fff" stroke="#d0d7de"/>`,
    `<g font-family="${FONT}" font-size="11" fill="#57606a">`,
    `<text x="12" y="20" font-size="13" font-weight="bold" fill="#24292f">${title}</text>`,
    `<text x="${width - 12}" y="20" font-size="13" text-anchor="end" fill="#24292f">${escapeXml(spec.current)}</text>`,
    ...axisLabels(spec, plot),
    `<line x1="${left}" y1="${top + plot.height}" x2="${width - right}" y2="${top + plot.height}" stroke="#d0d7de"/>`,
  ];
  if (spec.target) {
    const ty = round1(plot.y(spec.target.value));
    parts.push(
      `<line x1="${left}" y1="${ty}" x2="${width - right}" y2="${ty}" stroke="#8250df" stroke-dasharray="4 3"/>`,
      `<text x="${width - right - 2}" y="${ty - 4}" text-anchor="end" fill="#8250df">${escapeXml(spec.target.text)}</text>`,
    );
  }
  const path = linePath(spec.points, plot);
  if (path)
    parts.push(
      `<path d="${path}" fill="none" stroke="${spec.colour}" stroke-width="2" stroke-linejoin="round"/>`,
    );
  else
    parts.push(
      `<text x="${left + plot.width / 2}" y="${top + plot.height / 2}" text-anchor="middle">No data yet</text>`,
    );
  parts.push('</g></svg>');
  return parts.join('');
}

interface ChartScale {
  width: number;
  height: number;
  min: number;
  max: number;
  known: number;
  x: (i: number) => number;
  y: (v: number) => number;
}

/** The plot area and the value range: the known values and the target, never a flat range. */
function chartScale(spec: ChartSpec): ChartScale {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = spec.points.flatMap((p) => (p.v === null ? [] : [p.v]));
  const known = values.length;
  if (spec.target) values.push(spec.target.value);
  let min = values.length ? Math.min(...values) : 0;
  let max = values.length ? Math.max(...values) : 1;
  if (min === max) [min, max] = [min - 1, max + 1];
  return {
    width: plotW,
    height: plotH,
    min,
    max,
    known,
    x: (i) => left + (spec.points.length > 1 ? (i / (spec.points.length - 1)) * plotW : plotW / 2),
    y: (v) => top + (1 - (v - min) / (max - min)) * plotH,
  };
}

/** The value range on the left (when there are values) and the first and last day below. */
function axisLabels(spec: ChartSpec, plot: ChartScale): string[] {
  const { width, height, left, right, top } = CHART;
  const labels: string[] = [];
  if (plot.known > 0) {
    labels.push(
      `<text x="${left - 6}" y="${top + 4}" text-anchor="end">${escapeXml(spec.format(plot.max))}</text>`,
      `<text x="${left - 6}" y="${top + plot.height}" text-anchor="end">${escapeXml(spec.format(plot.min))}</text>`,
    );
  }
  if (spec.points.length > 0) {
    labels.push(
      `<text x="${left}" y="${height - 8}">${escapeXml(spec.points[0]!.t)}</text>`,
      `<text x="${width - right}" y="${height - 8}" text-anchor="end">${escapeXml(spec.points.at(-1)!.t)}</text>`,
    );
  }
  return labels;
}

/** The line through the known points; a gap in the data is a gap in the line. */
function linePath(points: ChartSpec['points'], plot: ChartScale): string {
  let path = '';
  let pen = false;
  points.forEach((p, i) => {
    if (p.v === null) return void (pen = false);
    path += `${pen ? 'L' : 'M'}${round1(plot.x(i))},${round1(plot.y(p.v))}`;
    pen = true;
  });
  return path;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
