/** Small pieces of report wording shared by the Markdown, CSV and HTML renderers. */
import { formatChange } from '../format.js';

export const percent = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);

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
 * A change in the same terms as the values it sits beside: hours read as days when either value
 * does (formatValue switches at two days), so "5.8 d, 7.1 d" is followed by "−1.3 d", not "−30.5 h".
 */
export function changeText(
  change: number | null,
  unit: string,
  ...beside: (number | null)[]
): string {
  if (change === null) return '—';
  const inDays = unit === 'hours' && beside.some((v) => v !== null && Math.abs(v) >= 48);
  if (!inDays || change === 0) return formatChange(change, unit);
  const days = Math.round((Math.abs(change) / 24) * 10) / 10;
  return `${change > 0 ? '+' : '−'}${days} d`;
}
