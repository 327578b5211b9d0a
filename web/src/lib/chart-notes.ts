/**
 * What the metric page says about its chart's first and last periods, in the notes under it, the
 * tooltip and the table, and its axis title. Pure.
 */
import { periodLabel, type Interval } from './periods.js';

/**
 * Whether a metric's figures are recorded by hand (`pulseboard record`, ARR, NPS): each holds until
 * the next, so its last period is the latest figure carried to today, not a count so far.
 */
export function recordedByHand(metricId: string): boolean {
  return metricId.startsWith('manual.');
}

/** Beside the running period's label, in the tooltip (" (still running)") and the table. */
export function runningMark(recorded: boolean, where: 'tooltip' | 'table'): string {
  if (recorded) return ' (latest recorded)';
  return where === 'tooltip' ? ' (still running)' : ' (so far)';
}

/** The note under a chart whose last period (starting `t`) has not ended. */
export function runningNote(
  t: string,
  interval: Interval,
  drawn: 'bar' | 'line',
  recorded: boolean,
): string {
  const period = periodLabel(t, interval);
  if (recorded)
    return `${period} shows the latest recorded figure, which holds until the next one is recorded.`;
  return `${period} is still running: drawn ${drawn === 'bar' ? 'lighter' : 'dashed'}, its value is so far.`;
}

/**
 * The note under bars whose first period (starting `t`) is counted only from `from` on: where the
 * range starts, or where the metric's data does (a source set up mid-week).
 */
export function partialNote(
  t: string,
  interval: Interval,
  from: string,
  where: 'range' | 'data',
): string {
  const reason = where === 'range' ? 'the range starts' : 'the data begins';
  return `${periodLabel(t, interval)} is counted from ${periodLabel(from, 'day')} on, where ${reason}: drawn lighter.`;
}

/**
 * The value axis's title: the scale's ("Count", "Days", "USD"); none for a figure recorded by hand
 * that has no unit but a count (a score such as NPS is not a count of anything).
 */
export function axisTitle(scaleTitle: string, unit: string, recorded: boolean): string {
  return recorded && unit === 'count' ? '' : scaleTitle;
}
