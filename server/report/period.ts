/**
 * Which days a report covers, pure: `--from/--to`, `--quarter 2026Q1`, or the last 90 days; the day
 * it is evaluated on (its last day, or today while the period runs); and the period before it that
 * "what changed" compares with (the previous quarter, else the same number of days just before).
 */
import { EARLIEST_DAY } from '../../shared/limits.js';
import { addDays, daysBetween } from '../../shared/dates.js';

export interface ReportPeriod {
  from: string;
  to: string;
  /** `2026Q1` when the period is a calendar quarter asked for as one. */
  quarter: string | null;
}

export interface ReportRange extends ReportPeriod {
  /** The day the key results are evaluated on: `to`, or today when `to` has not ended yet. */
  asOf: string;
  previous: { from: string; to: string };
}

/** The default period: the 90 days up to today (a quarter). */
export const DEFAULT_REPORT_DAYS = 90;
export const MAX_REPORT_DAYS = 3660;

/** `2026Q1` (also `2026-Q1`, `2026q1`). */
export const QUARTER_PATTERN = /^(\d{4})-?[Qq]([1-4])$/;

export class ReportPeriodError extends Error {
  override name = 'ReportPeriodError';
  constructor(
    /** The option at fault: `quarter`, `from`, `to`. */
    readonly field: 'quarter' | 'from' | 'to',
    message: string,
  ) {
    super(message);
  }
}

/** The first and last day of a quarter, or null when `text` is not one. */
export function quarterRange(text: string): ReportPeriod | null {
  const match = QUARTER_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const q = Number(match[2]);
  const yyyy = String(year).padStart(4, '0');
  const first = `${yyyy}-${String(q * 3 - 2).padStart(2, '0')}-01`;
  // Q4 ends on 31 December outright: the day after 9999Q4 has no YYYY-MM-DD.
  const last =
    q === 4 ? `${yyyy}-12-31` : addDays(`${yyyy}-${String(q * 3 + 1).padStart(2, '0')}-01`, -1);
  return { from: first, to: last, quarter: `${yyyy}Q${q}` };
}

/** The quarter before `2026Q1` is `2025Q4`. */
function previousQuarter(quarter: string): ReportPeriod {
  const match = QUARTER_PATTERN.exec(quarter)!;
  const year = Number(match[1]);
  const q = Number(match[2]);
  return quarterRange(q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`)!;
}

/** `2026Q4` for a day in it. */
const quarterOf = (day: string) =>
  `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/**
 * A period that has not begun has nothing to report: evaluated today, it would compare today's values
 * with a day before the period it names as previous, and call every total "nothing to measure".
 */
function refuseFuture(today: string, period: ReportPeriod): void {
  if (period.from <= today) return;
  if (period.quarter)
    throw new ReportPeriodError(
      'quarter',
      `quarter "${period.quarter}" has not started yet (today is ${today}); ask for ${quarterOf(today)} or earlier.`,
    );
  throw new ReportPeriodError(
    'from',
    `the period starts on ${period.from}, after today (${today}); ask for days up to today.`,
  );
}

/**
 * The report's days from what was asked. Throws ReportPeriodError naming the option at fault:
 * a quarter with from/to, a bad quarter, a period that starts after today, from after to, a period
 * longer than MAX_REPORT_DAYS.
 */
export function resolveReportRange(
  today: string,
  asked: { from?: string; to?: string; quarter?: string },
): ReportRange {
  let period: ReportPeriod;
  if (asked.quarter !== undefined) {
    if (asked.from !== undefined || asked.to !== undefined)
      throw new ReportPeriodError(
        'quarter',
        'quarter and from/to both choose the period; give one of them.',
      );
    const quarter = quarterRange(asked.quarter);
    if (!quarter)
      throw new ReportPeriodError(
        'quarter',
        `quarter "${asked.quarter}" is not a quarter; write it like 2026Q1.`,
      );
    // Like from/to, a quarter starts no earlier than EARLIEST_DAY (its previous quarter may).
    if (quarter.from < EARLIEST_DAY)
      throw new ReportPeriodError(
        'quarter',
        `quarter "${asked.quarter}" is before ${EARLIEST_DAY}; ask for ${EARLIEST_DAY.slice(0, 4)}Q1 or later.`,
      );
    period = quarter;
  } else {
    const to = asked.to ?? today;
    period = { from: asked.from ?? addDays(to, -DEFAULT_REPORT_DAYS + 1), to, quarter: null };
  }
  refuseFuture(today, period);
  if (period.from > period.to)
    throw new ReportPeriodError(
      'from',
      `from (${period.from}) is after to (${period.to}); swap them.`,
    );
  if (daysBetween(period.from, period.to) > MAX_REPORT_DAYS)
    throw new ReportPeriodError(
      'from',
      `The period is longer than ${MAX_REPORT_DAYS} days; ask for a shorter one.`,
    );
  const length = daysBetween(period.from, period.to) + 1;
  const previous = period.quarter
    ? previousQuarter(period.quarter)
    : { from: addDays(period.from, -length), to: addDays(period.from, -1) };
  return {
    ...period,
    asOf: period.to < today ? period.to : today,
    previous: { from: previous.from, to: previous.to },
  };
}
