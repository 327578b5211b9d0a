/**
 * The straight lines a key result is read against, shared by the KPI engine (its `expected` value
 * and status) and the dashboard's chart (the pace and forecast lines). Pure.
 */
import { daysBetween } from './dates.js';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Where a steady pace from `baseline` at `start` to `target` at `deadline` stands on `day`. */
export function paceOn(
  line: { start: string; deadline: string; baseline: number; target: number },
  day: string,
): number {
  const span = daysBetween(line.start, line.deadline);
  const elapsed = span <= 0 ? 1 : clamp01(daysBetween(line.start, day) / span);
  return line.baseline + (line.target - line.baseline) * elapsed;
}

/** The forecast line from `current` on `from` to `forecast` on `deadline`, on `day`. */
export function forecastOn(
  line: { from: string; deadline: string; current: number; forecast: number },
  day: string,
): number {
  const span = Math.max(1, daysBetween(line.from, line.deadline));
  return (
    line.current + (line.forecast - line.current) * clamp01(daysBetween(line.from, day) / span)
  );
}
