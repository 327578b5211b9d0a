/**
 * The ratio metrics, as daily series over plain arrays (pure). Each value for day D looks at the
 * window ending at the end of D; an empty denominator is null, never 0. Values are shares (0.42),
 * shown as percentages.
 */
import { addDays, dayRange } from '../../shared/dates.js';
import type { Point } from './series.js';
import {
  keptItemDays,
  keptItemsOf,
  packedDays,
  type KeptItem,
  type KeptItems,
  type WindowResume,
} from './sliding.js';

/** A kept event: its day, and 1 for the numerator's or 0 for the denominator's. */
type KeptEvent = { day: string; item: KeptItem };

export const RATIO_WINDOW_DAYS = 90;

/**
 * A ratio window's state at the end of a day: its two sums, and each event of the days next to
 * leave it (see `KeptItems`: 1 an event of the numerator, 0 one of the denominator). Stored
 * before the events were kept, it was the two sums alone.
 */
interface RatioState {
  sums: [number, number];
  kept: KeptItems | null;
}

function ratioStateOf(state: unknown): RatioState {
  if (Array.isArray(state)) return { sums: [state[0] ?? 0, state[1] ?? 0], kept: null };
  const stored = state as { sums?: [number, number] } | null;
  return { sums: stored?.sums ?? [0, 0], kept: keptItemsOf(state) };
}

/** Events per day. */
function perDay(days: readonly string[]) {
  const counts = new Map<string, number>();
  for (const d of days) counts.set(d, (counts.get(d) ?? 0) + 1);
  return counts;
}

/** The kept events of `kind` per day (1: the numerator's, 0: the denominator's). */
function keptPerDay(kept: KeptItems | null, kind: 0 | 1) {
  const counts = new Map<string, number>();
  if (kept)
    keptItemDays(kept).forEach((day, i) => {
      if (kept.keptItems[i] === kind) counts.set(day, (counts.get(day) ?? 0) + 1);
    });
  return counts;
}

/** Per day D in [from, to]: the numerator's and denominator's events in the window ÷ each other. */
function windowRatio(
  numerator: readonly string[],
  denominator: readonly string[],
  from: string,
  to: string,
  windowDays: number,
  resume: WindowResume | null,
): Point[] {
  const checkpoint = resume?.from ?? null;
  const capture = resume?.capture ?? null;
  const stored = ratioStateOf(checkpoint?.state ?? null);
  const kept = checkpoint ? stored.kept : null;
  const top = perDay(numerator);
  const bottom = perDay(denominator);
  const keptTop = keptPerDay(kept, 1);
  const keptBottom = keptPerDay(kept, 0);
  // A day whose events were kept is counted from them (its rows need not have been read).
  const countOn = (loaded: Map<string, number>, fromKept: Map<string, number>, day: string) =>
    (kept && day <= kept.keptTo ? fromKept : loaded).get(day) ?? 0;
  const inWindow = (counts: Map<string, number>, day: string) => {
    let n = 0;
    for (const [d, k] of counts) if (d <= day && d > addDays(day, -windowDays)) n += k;
    return n;
  };
  /** The state at the end of `t`, with the events of the days next to leave the window. */
  const dumped = (t: string, sums: [number, number]) => {
    const keepFor = capture?.keptDays ?? 0;
    const keptTo = addDays(t, keepFor - windowDays);
    if (keepFor === 0) return { sums };
    const events = dayRange(addDays(t, 1 - windowDays), keptTo).flatMap((day) => [
      ...Array<KeptEvent>(countOn(top, keptTop, day)).fill({ day, item: 1 }),
      ...Array<KeptEvent>(countOn(bottom, keptBottom, day)).fill({ day, item: 0 }),
    ]);
    return { sums, keptTo, ...packedDays(events, (kinds) => kinds) };
  };
  // Sliding sums: add the day entering the window, drop the one leaving it. Resumed, the sums
  // at the end of the stored day carry on (only the days entering, and those leaving whose events
  // were not kept, are needed).
  const start = checkpoint
    ? addDays(checkpoint.day, 1)
    : capture && capture.day < from
      ? capture.day
      : from;
  let n = checkpoint ? stored.sums[0] : inWindow(top, addDays(start, -1));
  let m = checkpoint ? stored.sums[1] : inWindow(bottom, addDays(start, -1));
  if (capture && capture.day === checkpoint?.day) capture.save(dumped(checkpoint.day, [n, m]));
  return dayRange(start, to).flatMap((t) => {
    const leaving = addDays(t, -windowDays);
    n += (top.get(t) ?? 0) - countOn(top, keptTop, leaving);
    m += (bottom.get(t) ?? 0) - countOn(bottom, keptBottom, leaving);
    if (capture?.day === t) capture.save(dumped(t, [n, m]));
    return t >= from ? [{ t, v: m === 0 ? null : n / m }] : [];
  });
}

/**
 * `github.prs.acceptance_rate`: of the pull requests closed in the window, the share merged:
 * merged ÷ (merged + closed without merging), each counted on the day it was merged or closed.
 */
export function acceptanceRate(
  prs: readonly { mergedDay: string | null; closedDay: string | null }[],
  from: string,
  to: string,
  windowDays = RATIO_WINDOW_DAYS,
  resume: WindowResume | null = null,
): Point[] {
  const merged = prs.flatMap((p) => (p.mergedDay ? [p.mergedDay] : []));
  const decided = prs.flatMap((p) =>
    p.mergedDay ? [p.mergedDay] : p.closedDay ? [p.closedDay] : [],
  );
  return acceptanceRateOfDays(merged, decided, from, to, windowDays, resume);
}

/**
 * `acceptanceRate` from the days pull requests were merged and the days they were decided (merged,
 * or else closed).
 */
export function acceptanceRateOfDays(
  merged: readonly string[],
  decided: readonly string[],
  from: string,
  to: string,
  windowDays = RATIO_WINDOW_DAYS,
  resume: WindowResume | null = null,
): Point[] {
  return windowRatio(merged, decided, from, to, windowDays, resume);
}

/**
 * `github.issues.closure_ratio`: issues closed in the window ÷ issues opened in it (not necessarily
 * the same issues). Above 1, the backlog shrank.
 */
export function closureRatio(
  issues: readonly { openedDay: string; closedDay: string | null }[],
  from: string,
  to: string,
  windowDays = RATIO_WINDOW_DAYS,
  resume: WindowResume | null = null,
): Point[] {
  const closed = issues.flatMap((i) => (i.closedDay ? [i.closedDay] : []));
  return closureRatioOfDays(
    issues.map((i) => i.openedDay),
    closed,
    from,
    to,
    windowDays,
    resume,
  );
}

/** `closureRatio` from the days issues were opened and the days they were closed. */
export function closureRatioOfDays(
  opened: readonly string[],
  closed: readonly string[],
  from: string,
  to: string,
  windowDays = RATIO_WINDOW_DAYS,
  resume: WindowResume | null = null,
): Point[] {
  return windowRatio(closed, opened, from, to, windowDays, resume);
}

/**
 * `github.forks.contributing_share`: of the people who forked a repository by day D, the share who
 * have a contribution by D (before or after forking). `people`: each person who forked (once however
 * many forks they made; organisations are left out: they author no contributions), the day of their
 * first fork and of their first contribution (null: none). `resume` (see sliding.ts) carries on from
 * the counts kept at the end of a day, `[owners, contributing]`: then only what happened after it
 * counts (the people listed are those who forked or first contributed since, and maybe a few more),
 * and `capture` receives the counts at the end of its day.
 */
export function contributingShare(
  people: readonly { forked: string; contributed: string | null }[],
  from: string,
  to: string,
  resume: WindowResume | null = null,
): Point[] {
  const checkpoint = resume?.from ?? null;
  const capture = resume?.capture ?? null;
  // Counted from the first day computed on; what came before is in `owners` and `contributors`.
  let start = capture && capture.day < from ? capture.day : from;
  let owners = 0;
  let contributors = 0;
  let after: string | null = null;
  if (checkpoint) {
    const kept = (checkpoint.state as [number, number] | null) ?? [0, 0];
    [owners, contributors] = kept;
    after = checkpoint.day;
    start = addDays(after, 1);
    if (start > from) throw new Error(`counts kept at ${after} cannot give ${from}`);
    if (capture?.day === after) capture.save(kept);
  }
  const forkedOn = new Map<string, number>();
  const contributingOn = new Map<string, number>();
  const count = (perDay: Map<string, number>, day: string) => {
    if (after !== null && day <= after) return;
    if (day < start) return void (perDay === forkedOn ? owners++ : contributors++);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  };
  for (const { forked, contributed } of people) {
    count(forkedOn, forked);
    // A person counts as contributing from the later of their first fork and first contribution.
    if (contributed !== null) count(contributingOn, contributed > forked ? contributed : forked);
  }
  const points: Point[] = [];
  for (const t of dayRange(start, to)) {
    owners += forkedOn.get(t) ?? 0;
    contributors += contributingOn.get(t) ?? 0;
    if (t >= from) points.push({ t, v: owners === 0 ? null : contributors / owners });
    if (capture?.day === t) capture.save([owners, contributors]);
  }
  return points;
}
