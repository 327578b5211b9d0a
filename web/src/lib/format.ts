/**
 * Dashboard-only wording: instants in the reader's own locale and time zone. Everything else
 * (values, units, statuses, dates) is in shared/format.ts, shared with digests and reports.
 */
export function formatInstant(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}
