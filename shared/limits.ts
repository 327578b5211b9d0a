/**
 * Bounds on what users may record or ask for, shared by the API and the CLI (and documented in
 * both). A manual value far outside any real amount (±1.79e308) breaks the arithmetic built on it;
 * a day in year 0 makes the daily rollups cover two thousand years.
 */

/** Manual values lie within ±this (well inside the integers a float holds exactly). */
export const MANUAL_VALUE_LIMIT = 1e15;

/** The earliest day a manual value, a series or a report may name. */
export const EARLIEST_DAY = '2000-01-01';

const DAY_MS = 86_400_000;

/** The day after `today` (YYYY-MM-DD): the latest day a value may be recorded for. */
export const dayAfter = (today: string): string =>
  new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Why `value` cannot be a manual value, or null when it can. */
export function manualValueProblem(value: number): string | null {
  if (!Number.isFinite(value) || Math.abs(value) > MANUAL_VALUE_LIMIT)
    return `must be a number from -${MANUAL_VALUE_LIMIT} to ${MANUAL_VALUE_LIMIT}`;
  return null;
}

/** Why `day` cannot carry a manual value recorded on `today`, or null when it can. */
export function manualDayProblem(day: string, today: string): string | null {
  const latest = dayAfter(today);
  if (day < EARLIEST_DAY || day > latest) return `must be from ${EARLIEST_DAY} to ${latest}`;
  return null;
}
