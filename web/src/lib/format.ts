/** How numbers, durations, dates and statuses read on the dashboard. */
import type { KeyResult } from './api.js';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** Hours as "36 h" or "4.5 d"; counts with separators; big numbers compact when asked. */
export function formatValue(
  value: number | null | undefined,
  unit: string,
  options: { compact?: boolean } = {},
): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'hours') {
    if (Math.abs(value) < 48) return `${value < 10 ? value.toFixed(1) : integer.format(value)} h`;
    return `${(value / 24).toFixed(1)} d`;
  }
  if (unit === 'ratio') return `${(value * 100).toFixed(0)}%`;
  const text =
    options.compact && Math.abs(value) >= 10_000 ? compact.format(value) : integer.format(value);
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
