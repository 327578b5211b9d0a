/** Words the overview leads with: how many key results are where, and what a card's numbers mean. */
import { addDays, daysBetween } from '../../../shared/dates.js';
import type { KeyResult } from './api.js';

/** "5 of 7 key results achieved or on track, 1 at risk, 1 waiting for data." */
export function statusSummary(statuses: readonly KeyResult['status'][]): string {
  const count = (...of: KeyResult['status'][]) => statuses.filter((s) => of.includes(s)).length;
  const total = statuses.length;
  if (total === 0) return 'No key results configured.';
  const parts = [
    `${count('achieved', 'on_track')} of ${total} key result${total === 1 ? '' : 's'} achieved or on track`,
  ];
  const rest: [number, string][] = [
    [count('at_risk'), 'at risk'],
    [count('off_track'), 'off track'],
    [count('missed'), 'missed'],
    [count('no_data'), 'waiting for data'],
  ];
  for (const [n, words] of rest) if (n > 0) parts.push(`${n} ${words}`);
  return `${parts.join(', ')}.`;
}

/** An objective's period from its key results: "Jan 1 – Dec 31, 2026", or null when none has one. */
export function objectivePeriod(
  krs: readonly Pick<KeyResult, 'start' | 'deadline'>[],
  formatDate: (day: string) => string,
): string | null {
  const starts = krs.map((k) => k.start).filter((d): d is string => !!d);
  const deadlines = krs.map((k) => k.deadline).filter((d): d is string => !!d);
  if (deadlines.length === 0) return null;
  const end = deadlines.sort().at(-1)!;
  const start = starts.sort()[0];
  return start ? `${formatDate(start)} – ${formatDate(end)}` : `until ${formatDate(end)}`;
}

/**
 * Progress and linear pace on the same 0–100 scale, in words: the tick on the bar, explained.
 * Progress counts from the baseline, not from zero, so the words name both ends.
 */
export function paceText(
  kr: Pick<KeyResult, 'progress' | 'baseline' | 'target'>,
  pace: number | null,
  format: (value: number) => string,
): string | null {
  if (kr.progress === null || pace === null) return null;
  const p = Math.round(kr.progress * 100);
  const e = Math.round(pace);
  const verdict = p > e ? 'ahead of' : p === e ? 'on' : 'behind';
  const from = kr.baseline === null ? '' : ` from ${format(kr.baseline)} (baseline)`;
  return `${p}% of the way${from} to ${format(kr.target)}; a steady pace would be at ${e}% today (the tick), so ${verdict} pace.`;
}

type Recent = Pick<KeyResult, 'recent' | 'target' | 'direction' | 'periods'>;

/**
 * "Target met since Nov 3, 2026." from the last 90 days: the first day of the run of days that
 * met the target up to the latest value. A run that covers every day shown says so instead. Per
 * period the daily values are not what the target counts, so it says no more than "Target met.".
 */
export function metSinceText(kr: Recent, formatDate: (day: string) => string): string {
  const points = kr.periods ? [] : kr.recent.filter((p) => p.v !== null);
  const meets = (v: number) => (kr.direction === 'at_least' ? v >= kr.target : v <= kr.target);
  const lastMissed = points.findLastIndex((p) => !meets(p.v!));
  const since = points[lastMissed + 1];
  if (!since) return 'Target met.';
  if (lastMissed >= 0) return `Target met since ${formatDate(since.t)}.`;
  const days = daysBetween(kr.recent[0]!.t, points.at(-1)!.t) + 1;
  return `Target met on every day of the last ${days} days.`;
}

/** The change of the latest value against the value `days` earlier; null without both. */
export function recentChange(recent: KeyResult['recent'], days: number): number | null {
  const last = recent.findLast((p) => p.v !== null);
  if (!last) return null;
  const before = recent.find((p) => p.t === addDays(last.t, -days));
  return before?.v == null ? null : last.v! - before.v;
}
