/**
 * The odds of making it: the probability that a key result's value meets its target at the
 * deadline, from the spread of the metric's own recent daily changes. Pure: `today` is passed in.
 *
 * Method: the daily changes over the trailing ODDS_WINDOW_DAYS give a mean μ and a standard
 * deviation σ; the sum of the n changes still to come is taken as Normal(nμ, nσ²·(1 + n/m)) (a
 * random walk with drift; the n/m term is the uncertainty of μ itself, estimated from m changes,
 * without which a far deadline gets overconfident odds), so P(met) = Φ((current + nμ − T) / spread)
 * for `at_least`, mirrored for `at_most`.
 */
import type { Direction } from './metrics/index.js';
import { daysBetween } from '../../shared/dates.js';

/** How far back the daily changes are read. */
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
  if (daysLeft <= 0) return { probability: meets(current) ? 1 : 0, reason: null };
  const changes = dailyChanges(known, input.today);
  if (changes.length < ODDS_MIN_CHANGES) return { probability: null, reason: 'not_enough_history' };
  return { probability: probabilityOfSum(current, changes, daysLeft, input), reason: null };
}

/**
 * P(current + the sum of n draws meets the target), the draws sharing the sample's mean and
 * spread. Also used for the running period of a per-period key result (its days' counts).
 */
export function probabilityOfSum(
  current: number,
  sample: readonly number[],
  n: number,
  goal: { direction: Direction; target: number },
): number {
  const { mean, sd } = meanAndSd(sample);
  const expected = current + n * mean;
  const margin = goal.direction === 'at_least' ? expected - goal.target : goal.target - expected;
  const spread = sd * Math.sqrt(n * (1 + n / sample.length));
  if (spread === 0 || !Number.isFinite(spread)) return margin >= 0 ? 1 : 0;
  return normalCdf(margin / spread);
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
