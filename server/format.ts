/** How values read in digests and reports (plain text, no HTML). */
import type { KeyResult } from './schemas/okrs.js';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** What a value reads as before the first collection pass has stored any data. */
export const WAITING_TEXT = 'waiting for the first collection';

export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'hours')
    return Math.abs(value) < 48 ? `${decimal.format(value)} h` : `${decimal.format(value / 24)} d`;
  const text =
    Number.isInteger(value) || Math.abs(value) >= 100
      ? integer.format(value)
      : decimal.format(value);
  return unit === 'count' || unit === 'people' ? text : `${text} ${unit}`;
}

export function formatChange(change: number | null, unit: string): string {
  if (change === null) return '';
  if (change === 0) return 'no change';
  return `${change > 0 ? '+' : '−'}${formatValue(Math.abs(change), unit)}`;
}

export const STATUS_LABEL: Record<KeyResult['status'], string> = {
  achieved: 'Achieved',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  missed: 'Missed',
  no_data: 'No data',
};

export const STATUS_ICON: Record<KeyResult['status'], string> = {
  achieved: '✅',
  on_track: '🟢',
  at_risk: '🟡',
  off_track: '🔴',
  missed: '❌',
  no_data: '⚪',
};

export const targetText = (kr: Pick<KeyResult, 'direction' | 'target' | 'unit'>) =>
  `${kr.direction === 'at_most' ? '≤' : '≥'} ${formatValue(kr.target, kr.unit)}`;

/**
 * Joins lines until `maxChars`; the rest become "…and N more". Never returns more than maxChars.
 */
export function joinCapped(lines: readonly string[], maxChars: number, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const more = `…and ${lines.length - i} more`;
    const next = length + (kept.length ? separator.length : 0) + lines[i]!.length;
    const reserve =
      i < lines.length - 1 ? separator.length + `…and ${lines.length - i - 1} more`.length : 0;
    if (next + reserve > maxChars) {
      kept.push(more);
      break;
    }
    kept.push(lines[i]!);
    length = next;
  }
  const text = kept.join(separator);
  return text.length <= maxChars ? text : text.slice(0, Math.max(0, maxChars - 1)) + '…';
}
