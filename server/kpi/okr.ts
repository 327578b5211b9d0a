/**
 * How a key result stands: baseline, current, linear pace, a least-squares forecast over the
 * trailing 28 days, the date the trend reaches the target, and a status. Pure: `today` is passed in.
 */
import type { Direction } from './metrics/index.js';
import { addDays, daysBetween } from '../../shared/dates.js';
import { paceOn } from '../../shared/pace.js';
import type { Point } from './series.js';
import { leastSquares, type Line } from './stats.js';

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

  const meets = (value: number) =>
    kr.direction === 'at_least' ? value >= kr.target : value <= kr.target;
  const current = known.at(-1)!.v;
  const { start, baseline, baselineFrom, paceFrom } = findBaseline(kr, known);
  const progress = meets(current)
    ? 1
    : kr.target === baseline
      ? 0
      : clamp01((current - baseline) / (kr.target - baseline));
  const reached = { ...empty, baseline, baselineFrom, current, progress, start };
  if (kr.deadline === null) return { ...reached, status: undatedStatus(kr, current) };

  const deadline = kr.deadline;
  const expected = paceOn({ start: paceFrom, deadline, baseline, target: kr.target }, today);
  const { forecast, eta } = forecastTrend(kr, known, current, today, deadline);
  let status: KeyResultStatus;
  if (meets(current)) status = 'achieved';
  else if (today > deadline) status = 'missed';
  else if (meets(forecast)) status = 'on_track';
  else if (nearTarget(kr, forecast, baseline)) status = 'at_risk';
  else status = 'off_track';

  return {
    ...reached,
    expected: finiteOrNull(expected),
    progress: finiteOrNull(progress),
    forecast: finiteOrNull(forecast),
    eta,
    status,
    deadline,
  };
}

type Known = readonly { t: string; v: number }[];

/**
 * The start and baseline used. A value first recorded after the start (a manual metric) is its own
 * baseline: say so, and measure the pace from that day, not from a start whose value nobody knows.
 */
function findBaseline(kr: KeyResultTarget, known: Known) {
  const start = kr.start ?? known[0]!.t;
  const baseline = kr.baseline ?? valueAt(known, start);
  const firstValue = kr.baseline === null && (kr.start === null || known[0]!.t > kr.start);
  const baselineFrom: BaselineFrom =
    kr.baseline !== null
      ? { source: 'config', day: null }
      : firstValue
        ? { source: 'first_value', day: known[0]!.t }
        : { source: 'period_start', day: lastDayAtOrBefore(known, start) };
  return { start, baseline, baselineFrom, paceFrom: firstValue ? known[0]!.t : start };
}

/** Without a deadline: achieved, or at risk within RISK_MARGIN of the target, else off track. */
function undatedStatus(kr: KeyResultTarget, current: number): KeyResultStatus {
  const T = kr.target;
  if (kr.direction === 'at_least')
    return current >= T ? 'achieved' : current >= T * (1 - RISK_MARGIN) ? 'at_risk' : 'off_track';
  return current <= T ? 'achieved' : current <= T * (1 + RISK_MARGIN) ? 'at_risk' : 'off_track';
}

/** A forecast within RISK_MARGIN of the target (of the distance to it, for at_least). */
function nearTarget(kr: KeyResultTarget, forecast: number, baseline: number): boolean {
  const T = kr.target;
  return kr.direction === 'at_least'
    ? forecast - baseline >= (1 - RISK_MARGIN) * (T - baseline)
    : forecast <= T * (1 + RISK_MARGIN);
}

/** The least-squares trend of the last FORECAST_DAYS: its value at the deadline and when it meets the target. */
function forecastTrend(
  kr: KeyResultTarget,
  known: Known,
  current: number,
  today: string,
  deadline: string,
): { forecast: number; eta: string | null } {
  const T = kr.target;
  const atLeast = kr.direction === 'at_least';
  const { line } = fitTrend(known, today);
  const forecast = line ? lineAt(line, daysBetween(today, deadline)) : current;
  const met = atLeast ? current >= T : current <= T;
  let eta: string | null = null;
  if (line && !met && (atLeast ? line.slope > 0 : line.slope < 0)) {
    const x = (T - line.intercept) / line.slope;
    // A date past any calendar (values near ±1.8e308 make x overflow) is "never".
    if (Number.isFinite(x) && x <= ETA_HORIZON_DAYS)
      eta = addDays(today, Math.max(0, Math.ceil(x)));
  }
  return { forecast, eta };
}

/**
 * The forecast's line: least squares through the known values of the trailing FORECAST_DAYS, x in
 * days from `today` (0 today, negative before). The odds (odds.ts) are centred on this same line,
 * so a forecast and its odds cannot disagree.
 */
export function fitTrend(
  known: Known,
  today: string,
): { points: { x: number; y: number }[]; line: Line | null } {
  const from = addDays(today, -FORECAST_DAYS);
  const points = known
    .filter((p) => p.t > from)
    .map((p) => ({ x: daysBetween(today, p.t), y: p.v }));
  return { points, line: leastSquares(points) };
}

export const lineAt = (line: Line, x: number): number => line.intercept + line.slope * x;

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
