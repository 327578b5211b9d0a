/** Periods on the charts: their labels, whether one is still running, ranges and quarters. */
import { addDays, daysBetween, nextLabel } from '../../../shared/dates.js';
import { dateFormat } from '../../../shared/format.js';

export type Interval = 'day' | 'week' | 'month';

const fmt = (day: string, options: Intl.DateTimeFormatOptions) =>
  dateFormat({ ...options, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

/** A row or tooltip label for the period starting on `t`: a month reads "Nov 2026", not "Nov 1". */
export function periodLabel(t: string, interval: Interval): string {
  if (interval === 'month') return fmt(t, { year: 'numeric', month: 'short' });
  const day = fmt(t, { year: 'numeric', month: 'short', day: 'numeric' });
  return interval === 'week' ? `Week of ${day}` : day;
}

/** A shorter axis label for the same period. */
export function axisLabel(t: string, interval: Interval): string {
  // "Nov 2026": "Nov 26" reads as a day.
  if (interval === 'month') return fmt(t, { year: 'numeric', month: 'short' });
  return fmt(t, { month: 'short', day: 'numeric' });
}

/** Whether the period starting on `t` has not ended by `today` (its value is still growing). */
export function isRunning(t: string, interval: Interval, today: string): boolean {
  return t <= today && today < nextLabel(t, interval);
}

export interface DateRange {
  /** Inclusive; undefined for all time. */
  from: string | undefined;
  to: string;
  /** Words for headings and chart labels. */
  label: string;
}

export const RELATIVE_RANGES = { '30d': 30, '90d': 90, '1y': 365, '3y': 1095 } as const;
const RANGE_WORDS = {
  '30d': 'last 30 days',
  '90d': 'last 90 days',
  '1y': 'last year',
  '3y': 'last 3 years',
} as const;
const QUARTER = /^(\d{4})Q([1-4])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "2026Q1" → its first and last day. */
export function quarterRange(quarter: string): { from: string; to: string } | null {
  const match = QUARTER.exec(quarter);
  if (!match) return null;
  const year = Number(match[1]);
  const q = Number(match[2]);
  const from = `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

/** The quarter holding `day` and the `count - 1` before it, newest first ("2026Q4", "2026Q3", …). */
export function recentQuarters(day: string, count: number): string[] {
  let year = Number(day.slice(0, 4));
  let q = Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

/**
 * The range a page's URL asks for: `range` is 30d|90d|1y|3y|all, a quarter (2026Q1) or `custom`
 * with `from`/`to`. Anything unreadable falls back to the last year.
 */
export function resolveRange(query: URLSearchParams, today: string): DateRange {
  const range = query.get('range') ?? '1y';
  if (range === 'all') return { from: undefined, to: today, label: 'all time' };
  const quarter = quarterRange(range);
  if (quarter) return { ...quarter, to: quarter.to, label: range.replace('Q', ' Q') };
  if (range === 'custom') {
    const from = query.get('from') ?? '';
    const to = query.get('to') || today;
    if (DAY.test(from) && DAY.test(to) && from <= to)
      return { from, to, label: `${from} to ${to}` };
  }
  const key = (range in RELATIVE_RANGES ? range : '1y') as keyof typeof RELATIVE_RANGES;
  const days = RELATIVE_RANGES[key];
  return { from: addDays(today, -days + 1), to: today, label: RANGE_WORDS[key] };
}

/** The range of the same length just before [from, to]: the faint comparison line. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
