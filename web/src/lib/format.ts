/** How numbers, durations, dates and statuses read on the dashboard. */
import type { KeyResult } from './api.js';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/**
 * Hours as "36 h" or "4.5 d"; counts with separators; big numbers compact when asked, unless
 * compacting would make the value read the same as `near` (10,001 must not read "10K" next to a
 * 10K target).
 */
export function formatValue(
  value: number | null | undefined,
  unit: string,
  options: { compact?: boolean; near?: number | null } = {},
): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'hours') {
    if (Math.abs(value) < 48) return `${value < 10 ? value.toFixed(1) : integer.format(value)} h`;
    return `${(value / 24).toFixed(1)} d`;
  }
  if (unit === 'ratio') return `${(value * 100).toFixed(0)}%`;
  const near = options.near;
  const blurred =
    near !== null &&
    near !== undefined &&
    near !== value &&
    compact.format(value) === compact.format(near);
  const text =
    options.compact && Math.abs(value) >= 10_000 && !blurred
      ? compact.format(value)
      : integer.format(value) === integer.format(near ?? NaN) && near !== value
        ? decimal.format(value)
        : integer.format(value);
  return ['count', 'people'].includes(unit) ? text : `${text} ${unit}`;
}

export const STATUS_TEXT: Record<KeyResult['status'], string> = {
  achieved: 'Achieved',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  missed: 'Missed',
  no_data: 'No data',
};

export function formatDate(day: string | null): string {
  if (!day) return '—';
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

export function directionText(kr: Pick<KeyResult, 'direction'>): string {
  return kr.direction === 'at_most' ? 'at most' : 'at least';
}
