/**
 * Key results per period ("at least 500 contributions a month"): `current` is the last complete
 * period's total, the running period is shown "so far" with a forecast to its end, and the status
 * counts how many complete periods of the objective met the target. Pure: `today` is passed in.
 * Weeks start on Monday; days are already the project's days (see dates.ts).
 */
import type { Direction } from './metrics/index.js';
import type { PeriodLength } from '../../config/schema.js';
import { addDays, daysBetween, monthStart, weekStart } from '../../shared/dates.js';
import type { KeyResultEvaluation } from './okr.js';
import { ODDS_MIN_CHANGES, ODDS_WINDOW_DAYS, probabilityAround, spreadOfSum } from './odds.js';

export interface PeriodSummary {
  per: PeriodLength;
  /** Complete periods of the objective (so far) whose total met the target. */
  met: number;
  complete: number;
  /** The period that is running today, its total so far and its total projected to its end. */
  running: { from: string; to: string; soFar: number; forecast: number | null } | null;
  /** The last complete period's first and last day. */
  last: { from: string; to: string } | null;
}

export interface PerPeriodTarget {
  direction: Direction;
  target: number;
  baseline: number | null;
  start: string | null;
  deadline: string | null;
  per: PeriodLength;
}

export interface PerPeriodEvaluation extends KeyResultEvaluation {
  periods: PeriodSummary;
  probability: number | null;
}

/** The first day of the period holding `day`. */
export function periodStart(day: string, per: PeriodLength): string {
  if (per === 'week') return weekStart(day);
  if (per === 'month') return monthStart(day);
  const month = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
}

/** The first day of the next period. */
export function nextPeriodStart(from: string, per: PeriodLength): string {
  if (per === 'week') return addDays(from, 7);
  const months = per === 'month' ? 1 : 3;
  const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * `daily` holds the metric's count per day (oldest first); days inside its range with no point
 * count 0, days before its first point have no data.
 */
export function evaluatePerPeriod(
  kr: PerPeriodTarget,
  daily: readonly { t: string; v: number | null }[],
  today: string,
): PerPeriodEvaluation {
  const counts = new Map<string, number>();
  for (const p of daily) if (p.t <= today) counts.set(p.t, p.v ?? 0);
  const firstDay = [...counts.keys()].sort()[0];
  const meets = (v: number) => (kr.direction === 'at_least' ? v >= kr.target : v <= kr.target);
  const total = (from: string, to: string) => {
    let sum = 0;
    for (let d = from; d <= to; d = addDays(d, 1)) sum += counts.get(d) ?? 0;
    return sum;
  };
  const start = kr.start ?? firstDay ?? null;
  const base = { start, deadline: kr.deadline, expected: null, eta: null };
  if (firstDay === undefined || start === null) return noData(kr, base);

  const runningFrom = periodStart(today, kr.per);
  const totals = completePeriods(kr, start, firstDay, runningFrom, total);
  const running = runningPeriod(kr, counts, today, runningFrom, total(runningFrom, today));
  const last = totals.at(-1) ?? null;
  const periods = summarizePeriods(kr, totals, running, meets);
  const current = last?.value ?? null;
  const baseline = kr.baseline ?? totals[0]?.value ?? null;
  const baselineFrom =
    kr.baseline !== null
      ? { source: 'config' as const, day: null }
      : totals[0]
        ? { source: 'period_start' as const, day: totals[0].from }
        : null;
  // Each period starts from zero, so progress is the share of the target the last period reached.
  const progress = current === null ? null : shareOfTarget(kr, current, meets(current));
  const forecast = running?.forecast ?? null;
  const status = statusOf(kr, current, forecast, today, meets);
  const probability =
    status === 'missed'
      ? 0
      : kr.deadline !== null && today > kr.deadline
        ? current !== null && meets(current)
          ? 1
          : 0
        : (running?.probability ?? null);
  return {
    ...base,
    baseline,
    current,
    progress,
    forecast,
    status,
    baselineFrom,
    periods,
    probability,
  };
}

function summarizePeriods(
  kr: PerPeriodTarget,
  totals: readonly { from: string; to: string; value: number }[],
  running: { from: string; to: string; soFar: number; forecast: number | null } | null,
  meets: (v: number) => boolean,
): PeriodSummary {
  const last = totals.at(-1);
  return {
    per: kr.per,
    met: totals.filter((p) => meets(p.value)).length,
    complete: totals.length,
    running: running && {
      from: running.from,
      to: running.to,
      soFar: running.soFar,
      forecast: running.forecast,
    },
    last: last ? { from: last.from, to: last.to } : null,
  };
}

/**
 * Complete periods of the objective: from the one holding `start` to the one before today's,
 * leaving out any that began before the data did (their total would be short).
 */
function completePeriods(
  kr: PerPeriodTarget,
  start: string,
  firstDay: string,
  runningFrom: string,
  total: (from: string, to: string) => number,
): { from: string; to: string; value: number }[] {
  const totals: { from: string; to: string; value: number }[] = [];
  for (let from = periodStart(start, kr.per); from < runningFrom;) {
    if (kr.deadline !== null && from > kr.deadline) break;
    const next = nextPeriodStart(from, kr.per);
    const to = addDays(next, -1);
    if (from >= firstDay) totals.push({ from, to, value: total(from, to) });
    from = next;
  }
  return totals;
}

function noData(
  kr: PerPeriodTarget,
  base: Pick<PerPeriodEvaluation, 'start' | 'deadline' | 'expected' | 'eta'>,
): PerPeriodEvaluation {
  return {
    ...base,
    baseline: kr.baseline,
    baselineFrom: kr.baseline === null ? null : { source: 'config', day: null },
    current: null,
    progress: null,
    forecast: null,
    status: 'no_data',
    periods: { per: kr.per, met: 0, complete: 0, running: null, last: null },
    probability: null,
  };
}

function runningPeriod(
  kr: PerPeriodTarget,
  counts: ReadonlyMap<string, number>,
  today: string,
  from: string,
  soFar: number,
) {
  if (kr.deadline !== null && from > kr.deadline) return null;
  const to = addDays(nextPeriodStart(from, kr.per), -1);
  const daysLeft = daysBetween(today, to);
  // The days still to come are drawn like the trailing days: their mean projects the total (the
  // forecast the status reads), and the odds are centred on that same forecast, so they agree.
  const recent = [...counts.entries()]
    .filter(([day]) => daysBetween(day, today) < ODDS_WINDOW_DAYS)
    .map(([, v]) => v);
  const enough = recent.length >= ODDS_MIN_CHANGES;
  const mean = recent.length ? recent.reduce((s, v) => s + v, 0) / recent.length : null;
  const forecast = daysLeft === 0 ? soFar : mean === null ? null : soFar + mean * daysLeft;
  const probability =
    daysLeft === 0
      ? Number(kr.direction === 'at_least' ? soFar >= kr.target : soFar <= kr.target)
      : enough && forecast !== null
        ? probabilityAround(forecast, spreadOfSum(recent, daysLeft), kr)
        : null;
  return { from, to, soFar, forecast, probability };
}

function statusOf(
  kr: PerPeriodTarget,
  current: number | null,
  forecast: number | null,
  today: string,
  meets: (v: number) => boolean,
): KeyResultEvaluation['status'] {
  if (current !== null && meets(current)) return 'achieved';
  if (kr.deadline !== null && today > kr.deadline) return 'missed';
  const judged = forecast ?? current;
  if (judged === null) return 'no_data';
  if (meets(judged)) return 'on_track';
  const near = kr.direction === 'at_least' ? judged >= kr.target * 0.8 : judged <= kr.target * 1.2;
  return near ? 'at_risk' : 'off_track';
}

function shareOfTarget(kr: PerPeriodTarget, current: number, met: boolean): number {
  if (met) return 1;
  const share = kr.direction === 'at_least' ? current / kr.target : kr.target / current;
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
}
