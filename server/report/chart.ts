/**
 * A report chart as inline SVG, with a y axis in the metric's unit (hours become days past two days,
 * on every tick alike), dates on the x axis and the target as a labelled dashed line. Per-period
 * metrics draw bars (a bucket the period cuts short is drawn pale and named in the caption); levels
 * and windows draw a line. No scripts, no external requests: it prints and mails as it is.
 */
import type { MetricKind } from '../kpi/metrics/index.js';
import { formatValue } from '../../shared/format.js';
import { addDays } from '../../shared/dates.js';
import type { Interval, Point } from '../kpi/series.js';

export interface ChartInput {
  label: string;
  unit: string;
  kind: MetricKind;
  interval: Interval;
  points: readonly Point[];
  target: number | null;
  direction: 'at_least' | 'at_most';
  /** The period's first day and its last with data: a bucket reaching past either is partial. */
  firstDay: string;
  lastDay: string;
}

const W = 340;
const H = 150;
const M = { left: 46, right: 10, top: 18, bottom: 22 };
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

export const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/**
 * How the axis shows values: hours past two days read as days, on every tick alike; a ratio (a
 * share from 0 to 1) in percent, as the dashboard and the tables show it.
 */
export function axisScale(unit: string, max: number): { divisor: number; title: string } {
  if (unit === 'hours')
    return max >= 48 ? { divisor: 24, title: 'days' } : { divisor: 1, title: 'hours' };
  if (unit === 'ratio') return { divisor: 0.01, title: 'percent' };
  return { divisor: 1, title: unit };
}

/** Round steps (1, 2, 5 × 10^k) from min to max, about `count` of them. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (max === min) max = min === 0 ? 1 : min + Math.abs(min) * 0.1;
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Number(v.toPrecision(12)));
  if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
  return ticks;
}

/** Digits after the point a step needs: 2.5 needs one, 0.25 two, 500 none. */
function stepDigits(step: number): number {
  for (let digits = 0; digits < 6; digits++) {
    const scaled = step * 10 ** digits;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6) return digits;
  }
  return 6;
}

/**
 * A tick label with the digits its step needs: rounded further, the line at 17.5 would read "18"
 * and the one at 10,250 "10.3K". An axis reaching 10,000 reads in thousands on every tick (7K to
 * 11K, not "9,000" under "10K"), likewise millions and billions.
 */
export function tickText(v: number, step: number, largest = Math.abs(v)): string {
  const [per, suffix] =
    largest >= 1e9
      ? [1e9, 'B']
      : largest >= 1e6
        ? [1e6, 'M']
        : largest >= 10_000
          ? [1e3, 'K']
          : [1, ''];
  if (v === 0) return '0';
  const digits = stepDigits(step / per);
  return `${new Intl.NumberFormat('en', { maximumFractionDigits: digits }).format(v / per)}${suffix}`;
}

/**
 * A date under the x axis, always placing its year: a month reads "Jan 2026" (not "Jan 26", which
 * reads as a day); a week's first day "Dec 29, 2025" when it is the first label or its year is
 * not the label before's, else "Feb 9". A report is read long after its period, and its first
 * week often starts in the year before.
 */
export function dateLabel(day: string, interval: Interval, before: string | null = null): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1]!;
  const year = day.slice(0, 4);
  if (interval === 'month') return `${month} ${year}`;
  const newYear = before === null || before.slice(0, 4) !== year;
  return `${month} ${Number(day.slice(8))}${newYear ? `, ${year}` : ''}`;
}

/** The last day of the bucket that starts on `t`. */
function bucketEnd(t: string, interval: Interval): string {
  if (interval === 'day') return t;
  if (interval === 'week') return addDays(t, 6);
  const [y, m] = t.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

const f = (n: number) => n.toFixed(1);

/** Where things go on the plot: a point's x by index, a raw value's y, in the axis's scale. */
interface Frame {
  x(i: number): number;
  y(v: number): number;
  slot: number;
  plotH: number;
  lo: number;
  hi: number;
  divisor: number;
}

function frameFor(n: number, ticks: number[], divisor: number): Frame {
  const lo = ticks[0]!;
  const hi = ticks.at(-1)!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / n;
  return {
    x: (i) => M.left + slot * (i + 0.5),
    y: (v) => M.top + plotH - ((v / divisor - lo) / (hi - lo || 1)) * plotH,
    slot,
    plotH,
    lo,
    hi,
    divisor,
  };
}

/** Grid lines with their tick labels, the axis title, both axes, and three dates below. */
function axisParts(frame: Frame, ticks: number[], title: string, input: ChartInput): string[] {
  const { lo, hi, plotH } = frame;
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  const largest = Math.max(...ticks.map(Math.abs));
  const parts = ticks.flatMap((t) => {
    const ty = M.top + plotH - ((t - lo) / (hi - lo || 1)) * plotH;
    return [
      `<line x1="${M.left}" x2="${W - M.right}" y1="${f(ty)}" y2="${f(ty)}" stroke="#d8dee4" stroke-width="0.6"/>`,
      `<text x="${M.left - 4}" y="${f(ty + 3)}" text-anchor="end">${tickText(t, step, largest)}</text>`,
    ];
  });
  parts.push(
    `<text x="2" y="9" class="axis-title">${escapeXml(title)}</text>`,
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + plotH}" stroke="#57606a" stroke-width="0.8"/>`,
    `<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + plotH}" y2="${M.top + plotH}" stroke="#57606a" stroke-width="0.8"/>`,
  );
  const n = input.points.length;
  let before: string | null = null;
  for (const i of new Set([0, Math.floor((n - 1) / 2), n - 1])) {
    const day = input.points[i]!.t;
    const label = dateLabel(day, input.interval, before);
    // The last label, when long, ends at the plot's edge rather than past the chart's.
    const end = i === n - 1 && i > 0 && label.length > 7;
    parts.push(
      `<text x="${end ? W - M.right : f(frame.x(i))}" y="${H - 6}" text-anchor="${end ? 'end' : 'middle'}">${label}</text>`,
    );
    before = day;
  }
  return parts;
}

/** One bar per bucket; a bucket the period cuts short is pale (`partial` says whether any is). */
function barParts(frame: Frame, input: ChartInput): { parts: string[]; partial: boolean } {
  let partial = false;
  const parts: string[] = [];
  input.points.forEach((p, i) => {
    if (p.v === null) return;
    const cut = p.t < input.firstDay || bucketEnd(p.t, input.interval) > input.lastDay;
    partial ||= cut;
    const top = frame.y(p.v);
    parts.push(
      `<rect x="${f(frame.x(i) - frame.slot * 0.35)}" y="${f(top)}" width="${f(frame.slot * 0.7)}" height="${f(M.top + frame.plotH - top)}" fill="${cut ? '#a8c7ec' : '#0a5cc2'}"/>`,
    );
  });
  return { parts, partial };
}

/** The line through the values, with a dot on the newest. */
function lineParts(frame: Frame, input: ChartInput): string[] {
  const path = input.points
    .map((p, i) => (p.v === null ? null : `${f(frame.x(i))},${f(frame.y(p.v))}`))
    .filter(Boolean)
    .map((xy, i) => `${i === 0 ? 'M' : 'L'}${xy}`)
    .join(' ');
  const li = input.points.findLastIndex((p) => p.v !== null);
  return [
    `<path d="${path}" fill="none" stroke="#0a5cc2" stroke-width="1.8"/>`,
    `<circle cx="${f(frame.x(li))}" cy="${f(frame.y(input.points[li]!.v!))}" r="2.6" fill="#0a5cc2"/>`,
  ];
}

/** The target as a labelled dashed line, when it falls on the axis. */
function targetParts(frame: Frame, target: number | null, input: ChartInput): string[] {
  const at = target === null ? null : target / frame.divisor;
  if (target === null || at === null || at < frame.lo || at > frame.hi) return [];
  const ty = f(frame.y(target));
  const sign = input.direction === 'at_most' ? '≤' : '≥';
  return [
    `<line x1="${M.left}" x2="${W - M.right}" y1="${ty}" y2="${ty}" stroke="#1a7f37" stroke-dasharray="5 3" stroke-width="1.2"/>`,
    `<text x="${W - M.right - 2}" y="${f(Number(ty) - 3)}" text-anchor="end" fill="#1a7f37">target ${sign} ${escapeXml(formatValue(target, input.unit))}</text>`,
  ];
}

export function svgChart(input: ChartInput): string {
  const values = input.points.filter((p): p is { t: string; v: number } => p.v !== null);
  if (values.length === 0) return '<p class="muted chart-empty">No data in this period.</p>';
  const bars = input.kind === 'per_period';
  const all = values.map((p) => p.v);
  // A weekly bar compares with a key result's 7-day target; a monthly one does not.
  const target = bars && input.interval !== 'week' ? null : input.target;
  if (target !== null) all.push(target);
  const { divisor, title } = axisScale(input.unit, Math.max(...all));
  const ticks = niceTicks(bars ? 0 : Math.min(...all) / divisor, Math.max(...all) / divisor);
  const frame = frameFor(input.points.length, ticks, divisor);
  const marks = bars ? barParts(frame, input) : { parts: lineParts(frame, input), partial: false };
  const parts = [
    ...axisParts(frame, ticks, title, input),
    ...marks.parts,
    ...targetParts(frame, target, input),
  ];
  const per =
    input.interval === 'week' ? 'by week' : input.interval === 'month' ? 'by month' : 'by day';
  const caption = `${input.label}, ${bars ? `total ${per}` : `value at the end of each ${input.interval}`}${marks.partial ? `; pale bars: ${input.interval}s the period covers in part` : ''}`;
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(caption)}">${parts.join('')}</svg><figcaption>${escapeXml(caption)}</figcaption></figure>`;
}
