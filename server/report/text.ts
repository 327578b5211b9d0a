/** Small pieces of report wording shared by the Markdown, CSV and HTML renderers. */

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
