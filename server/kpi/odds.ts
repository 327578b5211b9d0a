/**
 * The odds of making it: the probability that a key result's value meets its target at the
 * deadline. Pure: `today` is passed in.
 *
 * Method: the value is taken as a random walk with drift. Its centre is the forecast itself, the
 * least-squares line over the trailing FORECAST_DAYS evaluated at the deadline (okr.ts `fitTrend`),
 * so the odds tell the status's story: a forecast that meets the target is 50% or more, one that
 * misses it under 50%. The spread is that forecast's error under the walk: the daily changes over
 * the trailing ODDS_WINDOW_DAYS give σ, and Var(forecast − value at the deadline) = σ²·Σ c_k², summed
 * over the day steps from the first fitted day to the deadline, c_k the line's weight on the days
 * before step k (1 for every step still to come; more than that for the past ones when the deadline
 * is far, since the line's slope is itself an estimate from 28 days). P(met) = Φ((forecast − T) /
 * spread) for `at_least`, mirrored for `at_most`.
 */
import type { Direction } from './metrics/index.js';
import { daysBetween } from '../../shared/dates.js';
import { fitTrend, lineAt } from './okr.js';

/** How far back the daily changes are read for their spread. */
export const ODDS_WINDOW_DAYS = 90;
/** Fewer daily changes than this say too little about the spread: the odds are unknown. */
export const ODDS_MIN_CHANGES = 28;

export interface OddsInput {
  direction: Direction;
  target: number;
  /** Days (YYYY-MM-DD, ascending) with the metric's value; null values are gaps. */
  series: readonly { t: string; v: number | null }[];
  today: string;
  /** Null: a standing target, which has no "by". */
  deadline: string | null;
  /** A running level that already meets its target counts as made (stars are not given back). */
  keepsWhenMet: boolean;
}

export type Odds =
  | { probability: number; reason: null }
  | { probability: null; reason: 'not_enough_history' | 'no_deadline' | 'no_data' };

export function oddsOfMeeting(input: OddsInput): Odds {
  const known = input.series.filter(
    (p): p is { t: string; v: number } => p.v !== null && p.t <= input.today,
  );
  if (known.length === 0) return { probability: null, reason: 'no_data' };
  const current = known.at(-1)!.v;
  const meets = (v: number) =>
    input.direction === 'at_least' ? v >= input.target : v <= input.target;
  if (input.keepsWhenMet && meets(current)) return { probability: 1, reason: null };
  if (input.deadline === null) return { probability: null, reason: 'no_deadline' };
  const daysLeft = daysBetween(input.today, input.deadline);
  // Past the deadline, the value stands. On the deadline day itself it does not yet (today's value
  // is the day so far): the odds read the line at today, as the status does.
  if (daysLeft < 0) return { probability: meets(current) ? 1 : 0, reason: null };
  const changes = dailyChanges(known, input.today);
  if (changes.length < ODDS_MIN_CHANGES) return { probability: null, reason: 'not_enough_history' };
  const { points, line } = fitTrend(known, input.today);
  // No line through the last 28 days (one value or none in them): the forecast has no trend.
  if (line === null) return { probability: null, reason: 'not_enough_history' };
  const forecast = lineAt(line, daysLeft);
  const spread = meanAndSd(changes).sd * Math.sqrt(trendErrorDays(points, daysLeft));
  return { probability: probabilityAround(forecast, spread, input), reason: null };
}

/**
 * P(a value drawn around `centre` with standard deviation `spread` meets the goal): Φ of the margin
 * over the spread. No spread: certain either way, met when the centre meets the goal.
 */
export function probabilityAround(
  centre: number,
  spread: number,
  goal: { direction: Direction; target: number },
): number {
  const margin = goal.direction === 'at_least' ? centre - goal.target : goal.target - centre;
  if (spread === 0 || !Number.isFinite(spread)) return margin >= 0 ? 1 : 0;
  return normalCdf(margin / spread);
}

/**
 * The spread of the sum of n draws like `sample` (a per-period key result's days still to come):
 * σ·√(n·(1 + n/m)), the n/m term being the uncertainty of the sample's mean, estimated from m draws,
 * without which a far end gets overconfident odds.
 */
export function spreadOfSum(sample: readonly number[], n: number): number {
  return meanAndSd(sample).sd * Math.sqrt(n * (1 + n / sample.length));
}

/**
 * Var(the line's value at `at` − the walk's value there) / σ², for a least-squares line through
 * `points` (x ascending, at least two distinct) of a random walk with drift: Σ c_k² over the day
 * steps k from the first point to `at`, c_k the line's total weight on the points before step k.
 * The drift cancels (the weights sum to 1 and reproduce any straight line), so only the steps'
 * noise is left.
 */
export function trendErrorDays(points: readonly { x: number }[], at: number): number {
  const m = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / m;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const weight = (x: number) => 1 / m + ((x - meanX) * (at - meanX)) / sxx;
  const first = points[0]!.x;
  const last = points.at(-1)!.x;
  let total = 0;
  let before = 0;
  let i = 0;
  for (let k = first + 1; k <= last; k++) {
    while (i < m && points[i]!.x < k) before += weight(points[i++]!.x);
    total += before ** 2;
  }
  // Every step after the last fitted day (the days still to come among them) carries weight 1.
  return total + (at - last);
}

/** Day-to-day changes between consecutive known days inside the trailing window. */
export function dailyChanges(known: readonly { t: string; v: number }[], today: string): number[] {
  const changes: number[] = [];
  for (let i = 1; i < known.length; i++) {
    const a = known[i - 1]!;
    const b = known[i]!;
    // Only consecutive days: a gap would count several days' change as one.
    if (daysBetween(b.t, today) < ODDS_WINDOW_DAYS && daysBetween(a.t, b.t) === 1)
      changes.push(b.v - a.v);
  }
  return changes;
}

export function meanAndSd(sample: readonly number[]): { mean: number; sd: number } {
  const n = sample.length;
  if (n === 0) return { mean: 0, sd: 0 };
  const mean = sample.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const variance = sample.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** Φ(z), the standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
