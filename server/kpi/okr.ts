/**
 * How a key result stands: baseline, current, linear pace, a least-squares forecast over the
 * trailing 28 days, the date the trend reaches the target, and a status. Pure: `today` is passed in.
 */
import type { Direction } from './metrics/index.js';
import { addDays, daysBetween } from '../../shared/dates.js';
import { paceOn } from '../../shared/pace.js';
import type { Point } from './series.js';
import { leastSquares } from './stats.js';

export type KeyResultStatus =
  'achieved' | 'missed' | 'on_track' | 'at_risk' | 'off_track' | 'no_data';

export interface KeyResultTarget {
  direction: Direction;
  target: number;
  /** From the config; otherwise the value at `start`. */
  baseline: number | null;
  start: string | null;
  deadline: string | null;
}

/** Where the baseline comes from: the config, the value at the start, or the first value after it. */
export interface BaselineFrom {
  source: 'config' | 'period_start' | 'first_value';
  /** The day of the value used; null for a configured baseline. */
  day: string | null;
}

export interface KeyResultEvaluation {
  baseline: number | null;
  baselineFrom: BaselineFrom | null;
  current: number | null;
  expected: number | null;
  progress: number | null;
  forecast: number | null;
  eta: string | null;
  status: KeyResultStatus;
  /** The start actually used: the configured one, or the first data point. */
  start: string | null;
  deadline: string | null;
}

export const FORECAST_DAYS = 28;
/** "At risk" is within this share of the target (or of the distance to it). */
export const RISK_MARGIN = 0.2;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * `series` is the metric's daily series up to `today` (for per-period metrics, trailing 7-day sums),
 * oldest first; null values (empty windows) are skipped.
 */
export function evaluateKeyResult(
  kr: KeyResultTarget,
  series: readonly Point[],
  today: string,
): KeyResultEvaluation {
  const known = series.filter((p): p is { t: string; v: number } => p.v !== null && p.t <= today);
  const empty: KeyResultEvaluation = {
    baseline: kr.baseline,
    baselineFrom: kr.baseline === null ? null : { source: 'config', day: null },
    current: null,
    expected: null,
    progress: null,
    forecast: null,
    eta: null,
    status: 'no_data',
    start: kr.start,
    deadline: kr.deadline,
  };
  if (known.length === 0) return empty;

  const T = kr.target;
  const atLeast = kr.direction === 'at_least';
  const meets = (value: number) => (atLeast ? value >= T : value <= T);
  const current = known.at(-1)!.v;
  const start = kr.start ?? known[0]!.t;
  const baseline = kr.baseline ?? valueAt(known, start);
  // A value first recorded after the start (a manual metric) is its own baseline: say so, and
  // measure the pace from that day, not from a start whose value nobody knows.
  const firstValue = kr.baseline === null && (kr.start === null || known[0]!.t > kr.start);
  const baselineFrom: BaselineFrom =
    kr.baseline !== null
      ? { source: 'config', day: null }
      : firstValue
        ? { source: 'first_value', day: known[0]!.t }
        : { source: 'period_start', day: lastDayAtOrBefore(known, start) };
  const paceFrom = firstValue ? known[0]!.t : start;

  const progress = meets(current)
    ? 1
    : T === baseline
      ? 0
      : clamp01((current - baseline) / (T - baseline));

  if (kr.deadline === null) {
    const near = atLeast ? current >= T * (1 - RISK_MARGIN) : current <= T * (1 + RISK_MARGIN);
    return {
      ...empty,
      baseline,
      baselineFrom,
      current,
      progress,
      start,
      status: meets(current) ? 'achieved' : near ? 'at_risk' : 'off_track',
    };
  }

  const deadline = kr.deadline;
  const expected = paceOn({ start: paceFrom, deadline, baseline, target: T }, today);

  const recent = known.filter((p) => p.t > addDays(today, -FORECAST_DAYS));
  const line = leastSquares(recent.map((p) => ({ x: daysBetween(today, p.t), y: p.v })));
  const forecast = line ? line.intercept + line.slope * daysBetween(today, deadline) : current;
  let eta: string | null = null;
  if (line && !meets(current) && (atLeast ? line.slope > 0 : line.slope < 0)) {
    const x = (T - line.intercept) / line.slope;
    // A date past any calendar (values near ±1.8e308 make x overflow) is "never".
    if (Number.isFinite(x) && x <= ETA_HORIZON_DAYS)
      eta = addDays(today, Math.max(0, Math.ceil(x)));
  }

  let status: KeyResultStatus;
  if (meets(current)) status = 'achieved';
  else if (today > deadline) status = 'missed';
  else if (meets(forecast)) status = 'on_track';
  else if (
    atLeast
      ? forecast - baseline >= (1 - RISK_MARGIN) * (T - baseline)
      : forecast <= T * (1 + RISK_MARGIN)
  )
    status = 'at_risk';
  else status = 'off_track';

  return {
    baseline,
    baselineFrom,
    current,
    expected: finiteOrNull(expected),
    progress: finiteOrNull(progress),
    forecast: finiteOrNull(forecast),
    eta,
    status,
    start,
    deadline,
  };
}

/** Arithmetic on extreme stored values can overflow; the API says "unknown" rather than fail. */
const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** An ETA further than a century away is shown as none. */
const ETA_HORIZON_DAYS = 36_525;

/** The value on `day`: the last point at or before it, else the first point after it. */
function valueAt(points: readonly { t: string; v: number }[], day: string): number {
  let value = points[0]!.v;
  for (const p of points) {
    if (p.t > day) break;
    value = p.v;
  }
  return value;
}

function lastDayAtOrBefore(points: readonly { t: string }[], day: string): string {
  let found = points[0]!.t;
  for (const p of points) {
    if (p.t > day) break;
    found = p.t;
  }
  return found;
}
