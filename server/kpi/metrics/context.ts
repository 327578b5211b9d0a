/** The per-refresh context entries compute in: day math in the project's zone and shared views. */
import { addDays } from '../../../shared/dates.js';
import { zonedDay } from '../zone-days.js';
import type { WindowResume } from '../sliding.js';
import type { Point } from '../series.js';
import type { RawData } from './raw-data.js';
import type {
  MetricDefinition,
  MetricEntry,
  RepoKeyedTable,
  RollupContext,
  ScopedPoints,
} from './types.js';

/**
 * An incremental refresh of one metric: the first day to recompute, and the value stored for the day
 * before it per scope (the scopes established before; a running level carries on from its value).
 */
export interface IncrementalSpan {
  from: string;
  carried: ReadonlyMap<string, number | null>;
}

/** A windowed metric's stored window states (by scope) and those to store after this refresh. */
export interface WindowStore {
  /** The day the stored states end; null: none usable (each slide starts empty). */
  day: string | null;
  states: ReadonlyMap<string, unknown>;
  /** The day whose end-of-day state to keep (the next refresh resumes after it). */
  captureDay: string;
  /** Filled by the compute: scope → the state at `captureDay`. */
  saved: Map<string, unknown>;
}

/** How many days before today window states are kept at. */
export const KEPT_DAYS_BACK = 2;

/**
 * The day to keep window states at: two days before today. The next refresh recomputes from the
 * first day its pass touched, so a pass touching today or yesterday (the usual hourly pass, or one
 * after midnight) resumes after it, and recomputes (reads the rows of) only the days since. With
 * the state, the items of as many days next to leave the window are kept: the days a refresh of
 * the same day removes from it (one after midnight reads the rows of one day more).
 */
export const captureDayOf = (today: string) => addDays(today, -KEPT_DAYS_BACK);

export function createRollupContext(
  data: RawData,
  timeZone: string,
  today: string,
  incremental: IncrementalSpan | null = null,
  windows: WindowStore | null = null,
  memos = new Map<string, unknown>(),
): RollupContext {
  const memo = <T>(key: string, make: () => T): T => {
    if (!memos.has(key)) memos.set(key, make());
    return memos.get(key) as T;
  };
  return {
    timeZone,
    today,
    from: incremental?.from ?? null,
    day: (instant) => zonedDay(instant, timeZone),
    span(days, scope = 'all') {
      if (incremental?.carried.has(scope)) return [incremental.from, today];
      if (days.length === 0) return null;
      const first = days.reduce((a, b) => (a < b ? a : b));
      return first > today ? null : [first, today];
    },
    memo,
    carried: (scope) => incremental?.carried.get(scope),
    window: (scope) => windowResume(windows, scope),
    repoScopes: [
      { scope: 'all', repo: null },
      ...data.repos.map((r) => ({ scope: r.id, repo: r.id })),
    ],
    ofRepo<K extends RepoKeyedTable>(table: K, repo: string | null): RawData[K] {
      const rows = data[table] as readonly { repo_id: string }[];
      if (repo === null) return rows as RawData[K];
      const grouped = memo(`rows-by-repo:${table}`, () => {
        const groups = new Map<string, { repo_id: string }[]>();
        for (const row of rows) {
          const group = groups.get(row.repo_id);
          if (group) group.push(row);
          else groups.set(row.repo_id, [row]);
        }
        return groups;
      });
      return (grouped.get(repo) ?? []) as unknown as RawData[K];
    },
  };
}

function windowResume(windows: WindowStore | null, scope: string): WindowResume | null {
  if (!windows) return null;
  const stored = windows.day === null ? undefined : windows.states.get(scope);
  return {
    from: windows.day === null ? null : { day: windows.day, state: stored ?? null },
    // Resumed at the day to keep (every refresh of a day after the first): the stored state is
    // the one to keep, not dumped again (see `statesToSave`).
    capture:
      windows.day === windows.captureDay && stored !== undefined
        ? null
        : {
            day: windows.captureDay,
            save: (state) => windows.saved.set(scope, state),
            keptDays: KEPT_DAYS_BACK,
          },
  };
}

/**
 * What to store for a windowed metric after its compute: null when its stored states end on the
 * day to keep and no scope captured a new one (they are still the ones to keep: nothing to
 * write); else its captured states, with the stored ones of the scopes that kept theirs.
 */
export function statesToSave(windows: WindowStore): ReadonlyMap<string, unknown> | null {
  if (windows.day !== windows.captureDay) return windows.saved;
  if (windows.saved.size === 0) return null;
  return new Map([...windows.states, ...windows.saved]);
}

/** `ctx` for one entry whose window states are kept in `windows`. */
export const withWindows = (ctx: RollupContext, windows: WindowStore | null): RollupContext => ({
  ...ctx,
  window: (scope) => windowResume(windows, scope),
});

/** An entry's definition without its compute (what the API, config and reports read). */
export function definitionOf(entry: MetricEntry): MetricDefinition {
  const { id, source, label, description, unit, kind, area, better, windowDays, fromReadings } =
    entry;
  return { id, source, label, description, unit, kind, area, better, windowDays, fromReadings };
}

/** One series per repository scope (`all` first), from `compute(repo)`; null or empty is skipped. */
export function perRepoScope(
  ctx: RollupContext,
  compute: (repo: string | null, scope: string) => Point[] | null,
): ScopedPoints[] {
  const out: ScopedPoints[] = [];
  for (const { scope, repo } of ctx.repoScopes) {
    const points = compute(repo, scope);
    if (points && points.length > 0) out.push({ scope, points });
  }
  return out;
}

/** The series of scope `all` only. */
export function allScope(points: Point[] | null): ScopedPoints[] {
  return points && points.length > 0 ? [{ scope: 'all', points }] : [];
}
