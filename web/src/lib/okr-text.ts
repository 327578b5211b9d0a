/**
 * The words for a key result's odds, its periods and where its baseline comes from. The digest and
 * reports say the same in server/okr-text.ts; both move to shared/format.ts when it lands.
 */
import type { KeyResult } from './api.js';

type Kr = Pick<
  KeyResult,
  'probability' | 'periods' | 'baselineFrom' | 'start' | 'status' | 'deadline'
>;

/** "72% likely", "<1% likely this month"; "not enough history" when the odds are unknown. */
export function oddsText(kr: Kr): string | null {
  const p = kr.probability;
  if (p === null) {
    const open = kr.deadline !== null && !['achieved', 'missed', 'no_data'].includes(kr.status);
    return open ? 'not enough history' : null;
  }
  // 0% and 100% only once it is settled; before that the tails read "<1%" and ">99%".
  const settled = kr.status === 'missed' || kr.status === 'achieved';
  const percent = Math.round(p * 100);
  const text =
    settled && (p === 0 || p === 1)
      ? `${percent}% likely`
      : percent < 1
        ? '<1% likely'
        : percent > 99
          ? '>99% likely'
          : `${percent}% likely`;
  return kr.periods ? `${text} this ${kr.periods.per}` : text;
}

const plural = (per: string, n: number) => `${per}${n === 1 ? '' : 's'}`;

/** "3 of 4 months met" */
export function periodsMetText(kr: Kr): string | null {
  const p = kr.periods;
  if (!p) return null;
  if (p.complete === 0) return `no complete ${p.per} yet`;
  return `${p.met} of ${p.complete} ${plural(p.per, p.complete)} met`;
}

/** "last month", "last week", "last quarter": what `current` is for a per-period key result. */
export const lastPeriodText = (kr: Kr): string | null =>
  kr.periods ? `last ${kr.periods.per}` : null;

/** "baseline: first value, recorded on Jun 15" when it was recorded after the period started. */
export function baselineText(kr: Kr, formatDate: (day: string) => string): string | null {
  const from = kr.baselineFrom;
  if (from?.source !== 'first_value' || from.day === null || from.day === kr.start) return null;
  return `baseline: first value, recorded on ${formatDate(from.day)}`;
}
