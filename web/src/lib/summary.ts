/** Words the overview leads with: how many key results are where, and what a card's numbers mean. */
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

/** Progress and linear pace on the same 0–100 scale, in words: the tick on the bar, explained. */
export function paceText(progress: number | null, pace: number | null): string | null {
  if (progress === null || pace === null) return null;
  const p = Math.round(progress * 100);
  const e = Math.round(pace);
  const verdict = p > e ? 'ahead of' : p === e ? 'on' : 'behind';
  return `${p}% of the way; a steady pace would be at ${e}% today (the tick), so ${verdict} pace.`;
}
