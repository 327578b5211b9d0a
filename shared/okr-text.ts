/**
 * The words for a key result's odds, its periods, where its baseline comes from and what its
 * progress spans: the same on the dashboard's cards, in the digests and in the reports.
 */
import type { KeyResult } from '../server/schemas/okrs.js';

export type OkrTextInput = Pick<
  KeyResult,
  'probability' | 'periods' | 'baselineFrom' | 'start' | 'status' | 'deadline'
>;

/**
 * "72% likely to make it", "<1% likely to make it this month": the chance of meeting the target,
 * said so, since a bare "<1% likely" beside "At risk" reads as the odds of being at risk. Null when
 * the odds are unknown or beside the point, or with `sayUnknown` (the card) "not enough history"
 * for an open key result whose odds are unknown.
 * An achieved key result has none to show: its target is met, "100% likely" only repeats it. Per
 * period, achieved is the last period and the odds are the running one's, so they stay.
 */
export function oddsText(kr: OkrTextInput, options: { sayUnknown?: boolean } = {}): string | null {
  if (kr.status === 'achieved' && !kr.periods) return null;
  const p = kr.probability;
  if (p === null) {
    const open = kr.deadline !== null && !['achieved', 'missed', 'no_data'].includes(kr.status);
    return options.sayUnknown && open ? 'not enough history' : null;
  }
  // 0% and 100% only once it is settled; before that the tails read "<1%" and ">99%".
  const settled = kr.status === 'missed' || kr.status === 'achieved';
  const percent = Math.round(p * 100);
  const share =
    settled && (p === 0 || p === 1)
      ? `${percent}%`
      : percent < 1
        ? '<1%'
        : percent > 99
          ? '>99%'
          : `${percent}%`;
  const text = `${share} likely to make it`;
  return kr.periods ? `${text} this ${kr.periods.per}` : text;
}

/** "3 of 4 months met" */
export function periodsMetText(kr: OkrTextInput): string | null {
  const p = kr.periods;
  if (!p) return null;
  if (p.complete === 0) return `no complete ${p.per} yet`;
  return `${p.met} of ${p.complete} ${p.per}${p.complete === 1 ? '' : 's'} met`;
}

/** "last month", "last week", "last quarter": what `current` is for a per-period key result. */
export const lastPeriodText = (kr: OkrTextInput): string | null =>
  kr.periods ? `last ${kr.periods.per}` : null;

/**
 * "baseline: first value, recorded on 2026-06-15" when it was recorded after the period started;
 * `formatDate` writes the day (the card: "Jun 15, 2026").
 */
export function baselineText(
  kr: OkrTextInput,
  formatDate: (day: string) => string = (day) => day,
): string | null {
  const from = kr.baselineFrom;
  if (from?.source !== 'first_value' || from.day === null || from.day === kr.start) return null;
  return `baseline: first value, recorded on ${formatDate(from.day)}`;
}

/**
 * The notes after a key result's numbers, joined by " · ": periods met, the running period so far,
 * the odds, the baseline. `format` writes a value in the key result's unit.
 */
export function keyResultNotes(kr: OkrTextInput, format: (value: number) => string): string[] {
  const running = kr.periods?.running;
  return [
    periodsMetText(kr),
    running && kr.periods ? `${format(running.soFar)} so far this ${kr.periods.per}` : null,
    oddsText(kr),
    baselineText(kr),
  ].filter((note): note is string => note !== null);
}

export type ProgressInput = Pick<
  KeyResult,
  'progress' | 'baseline' | 'target' | 'direction' | 'periods'
>;

/**
 * The value a key result's progress counts from, so that progress = (current − from) / (target −
 * from), clamped to 0..1: its baseline, or 0 for a total each period must reach (every period
 * starts from nothing). Null without progress, and per period for an at-most target, whose
 * progress is target / current, a share of no span.
 */
export function progressFrom(kr: ProgressInput): number | null {
  if (kr.progress === null) return null;
  if (kr.periods) return kr.direction === 'at_least' ? 0 : null;
  return kr.baseline;
}

/** "208 → 400": what a progress percentage is of, its baseline to its target; null without one. */
export function progressSpanText(
  kr: ProgressInput,
  format: (value: number) => string,
): string | null {
  const from = progressFrom(kr);
  return from === null ? null : `${format(from)} → ${format(kr.target)}`;
}
