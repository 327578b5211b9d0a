/**
 * Dashboard-only wording: instants in the reader's own locale and time zone. Everything else
 * (values, units, statuses, dates) is in shared/format.ts, shared with digests and reports.
 */
import { dateFormat } from '../../../shared/format.js';

export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
