/** Small pieces of report wording shared by the Markdown, CSV and HTML renderers. */
import { changeIn, keyResultValue, scaleFor, shortDay } from '../../shared/format.js';
import { FORECAST_DAYS, RISK_MARGIN } from '../kpi/okr.js';
import type { ReportKeyResult } from './model.js';

/**
 * What the status words and the odds mean, under the summary's counts: a reader who sees "At risk,
 * 5% likely" beside "Off track, 13% likely" asks why. The numbers are the KPI engine's own.
 */
export function statusLegend(): string {
  const margin = Math.round(RISK_MARGIN * 100);
  return [
    `On track: the trend of the last ${FORECAST_DAYS} days meets the target by its deadline.`,
    `At risk: it gets at least ${100 - margin}% of the way (an at-most target: ends within ${margin}% above it; without a deadline: the value is within ${margin}% of the target).`,
    'Off track: further short.',
    '“N% likely to make it”: the chance of meeting the target by the deadline, given how much the metric has varied, so a steady metric can be at risk and still unlikely to make it.',
  ].join(' ');
}

/** The progress column's heading: its cells say what each percentage is of in these terms. */
export const PROGRESS_HEADING = 'Progress (baseline → target)';

/** `+12%`, `−40%`; from +1000% on, how many times the previous value (`11×`). */
export function relativeText(relative: number): string {
  if (relative >= 10) return `${Math.round(1 + relative)}×`;
  const rounded = Math.round(relative * 100);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)}%`;
}

/** `2026Q1 (2026-01-01 – 2026-03-31)` or `2026-01-01 – 2026-03-31`. */
export function periodTitle(range: { from: string; to: string }, quarter: string | null): string {
  const days = `${range.from} – ${range.to}`;
  return quarter ? `${quarter} (${days})` : days;
}

/**
 * A value rounded for a spreadsheet, in the unit's own terms: whole counts and money, hours to one
 * decimal, ratios to three.
 */
export function roundForExport(value: number | null, unit: string): number | null {
  if (value === null) return null;
  const digits = unit === 'hours' ? 1 : unit === 'ratio' ? 3 : Number.isInteger(value) ? 0 : 2;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * "history from Sep 25, 2026": in a report always with the year. A report is kept and read long
 * after its period, by readers whose "this year" is not its own, and a day after the period's end
 * (a metric whose history starts later) is not even in the period's year.
 */
export const historySinceText = (first: string) => `history from ${shortDay(first, true)}`;

interface Compared {
  value: number | null;
  previous: number | null;
  unit: string;
  historyFrom: string | null;
}

/**
 * A metric's change against the previous period, or when it has no previous value because its
 * history starts after that period began, "history from Apr 3" instead of a bare dash.
 */
export function changeText(m: Compared, previousFrom: string): string {
  if (m.previous === null && m.historyFrom !== null && m.historyFrom > previousFrom)
    return m.value === null ? '—' : historySinceText(m.historyFrom);
  return shownChange(m.value, m.previous, m.unit);
}

/**
 * The change between two values as the report shows them side by side, worked out from the shown
 * (rounded) values: "52.6% → 45.5%" reads −7.1 pp, as the reader would subtract, where the raw
 * values' difference, 0.5256 − 0.4554, would read −7 pp.
 */
export function shownChange(value: number | null, previous: number | null, unit: string): string {
  const scale = scaleFor(unit, [value, previous]);
  if (value === null || previous === null) return changeIn(scale, null);
  // The text back to a number ("$115,000", "2.7 d", "45.5%"), in the raw unit again.
  const shown = (v: number) => Number(scale.format(v).replace(/[^\d.-]/g, '')) / scale.toAxis(1);
  return changeIn(scale, shown(value) - shown(previous));
}

/** A key result's value at the previous period's end, or when its history starts later, since when. */
export function previousText(kr: ReportKeyResult, previousFrom: string): string {
  const { current } = kr.previous;
  if (current === null && kr.historyFrom !== null && kr.historyFrom > previousFrom)
    return historySinceText(kr.historyFrom);
  return keyResultValue(kr, current);
}

/**
 * The health metrics without a value, one line per reason: "Waiting for the first collection: Docker
 * pulls, npm downloads"; those whose history starts after the period's end by their first day
 * ("Repository clones, Repository views (history from Oct 18, 2026)"). A row each would fill a page with
 * one sentence repeated.
 */
export function noValueLines(
  health: readonly { label: string; noValue: string | null; historyFrom: string | null }[],
  asOf: string,
): { reason: string; metrics: string }[] {
  const groups = new Map<string, Map<string, string[]>>();
  for (const m of health) {
    if (m.noValue === null) continue;
    const later = m.historyFrom !== null && m.historyFrom > asOf;
    const reason = later ? `No value by ${asOf}, the history starts later` : m.noValue;
    const since = later ? m.historyFrom! : '';
    const byDay = groups.get(reason) ?? new Map<string, string[]>();
    byDay.set(since, [...(byDay.get(since) ?? []), m.label]);
    groups.set(reason, byDay);
  }
  return [...groups].map(([reason, byDay]) => ({
    reason,
    metrics: [...byDay]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, labels]) =>
        day ? `${labels.join(', ')} (${historySinceText(day)})` : labels.join(', '),
      )
      .join('; '),
  }));
}
