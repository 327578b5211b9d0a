/**
 * The incremental rollup refresh: each metric the pass touched is recomputed from its first touched
 * day on, from the rows of those days and of its window before them; a window whose state was kept
 * at the end of an earlier day (`rollup_window`, or this process's copy of it: window-memory.ts)
 * resumes from it and reads only the days entering it; a running level carries on from its value
 * stored for the day before.
 */
import type { Kysely } from 'kysely';
import { listValuesOnDay, writeMetricRollups, type DailyRow } from '../../db/queries/metrics.js';
import {
  listWindowDays,
  readWindowStates,
  saveWindowStates,
} from '../../db/queries/rollup-windows.js';
import type { Database } from '../../db/schema.js';
import { addDays } from '../../shared/dates.js';
import { keptItemsOf } from '../kpi/sliding.js';
import {
  captureDayOf,
  computeMetric,
  statesToSave,
  type IncrementalSpan,
  type MetricEntry,
  type MetricSeries,
  type WindowStore,
} from '../kpi/metrics/index.js';
import { loadRawData } from './refresh-loaders.js';
import { metricDays, tableRanges, type MetricPlan, type RefreshPlan } from './refresh-plan.js';
import type { KeptWindows } from './window-memory.js';

interface Prepared {
  entry: MetricEntry;
  since: string | null;
  span: IncrementalSpan | null;
  windows: WindowStore | null;
  /** The last day whose items every stored state kept (see `KeptItems`); null: none. */
  keptTo: string | null;
}

export const toRows = (series: readonly MetricSeries[], since: string | null): DailyRow[] =>
  series.flatMap((s) =>
    s.points
      .filter((p) => since === null || p.t >= since)
      .map((p) => ({ metric: s.metric, scope: s.scope, day: p.t, value: p.v })),
  );

/**
 * Recomputes the planned metrics, resuming windows from `known` states where they are still the
 * stored ones; returns how many daily values were computed, and for each windowed metric it
 * recomputed the states stored now (those it saved, or those it resumed from and kept).
 */
export async function refreshPlanned(
  db: Kysely<Database>,
  timeZone: string,
  today: string,
  plan: RefreshPlan,
  known: KeptWindows,
): Promise<{ rows: number; windows: KeptWindows }> {
  const prepared = await prepare(db, today, plan, known);
  const ranges = tableRanges(
    prepared.map((p) => ({
      entry: p.entry,
      days: metricDays(p.entry, p.since, p.windows?.day ?? null, today, p.keptTo),
    })),
    timeZone,
  );
  const data = await loadRawData(db, [...ranges.keys()], ranges);
  let rows = 0;
  const kept = new Map<string, ReadonlyMap<string, unknown>>();
  const stored = new Map<string, { day: string; states: ReadonlyMap<string, unknown> }>();
  // Views of the rows, shared by the metrics recomputed from the same day.
  const memos = new Map<string | null, Map<string, unknown>>();
  for (const { entry, since, span, windows } of prepared) {
    if (!memos.has(since)) memos.set(since, new Map());
    const series = computeMetric(entry, data, timeZone, today, span, windows, memos.get(since));
    const computed = toRows(series, since);
    await writeMetricRollups(db, entry.id, computed, since);
    rows += computed.length;
    if (!windows) continue;
    const states = statesToSave(windows);
    if (states) kept.set(entry.id, states);
    // Saved, or resumed from on the day to keep and not written again: what is stored now.
    stored.set(entry.id, { day: windows.captureDay, states: states ?? windows.states });
  }
  if (kept.size > 0) await saveWindowStates(db, captureDayOf(today), kept);
  return { rows, windows: stored };
}

/**
 * Per metric: the values stored for the day before its first day (its established scopes), and
 * for a kept window the stored states when it can resume from them: they end before that first
 * day and every established scope has one. Those `known` to end on the stored day are not read.
 */
async function prepare(db: Kysely<Database>, today: string, plan: RefreshPlan, known: KeptWindows) {
  const windowDays = await listWindowDays(db);
  const carried = new Map<string, Map<string, Map<string, number | null>>>();
  for (const since of new Set(plan.metrics.flatMap((m) => (m.since === null ? [] : [m.since])))) {
    const ids = plan.metrics.filter((m) => m.since === since).map((m) => m.entry.id);
    carried.set(since, await listValuesOnDay(db, ids, addDays(since, -1)));
  }
  // A window resumes from states that end before its first day to recompute.
  const resumeDay = ({ entry, since }: MetricPlan) => {
    const day = windowDays.get(entry.id) ?? null;
    return entry.keepsWindow && since !== null && day !== null && addDays(day, 1) <= since
      ? day
      : null;
  };
  const inMemory = (metric: string) => {
    const day = windowDays.get(metric);
    return day !== undefined && day !== null && known.get(metric)?.day === day;
  };
  const stored = await readWindowStates(
    db,
    plan.metrics
      .filter((m) => resumeDay(m) !== null && !inMemory(m.entry.id))
      .map((m) => m.entry.id),
  );
  return plan.metrics.map((metric): Prepared => {
    const { entry, since } = metric;
    const values = since === null ? null : (carried.get(since)?.get(entry.id) ?? new Map());
    const span = since === null || values === null ? null : { from: since, carried: values };
    if (!entry.keepsWindow) return { entry, since, span, windows: null, keptTo: null };
    const states = inMemory(entry.id) ? known.get(entry.id)?.states : stored.get(entry.id);
    // Every scope established before the first day has a state to resume from.
    const usable = states !== undefined && [...(values?.keys() ?? [])].every((s) => states.has(s));
    const windows: WindowStore = {
      day: usable ? resumeDay(metric) : null,
      states: usable ? states : new Map(),
      captureDay: captureDayOf(today),
      saved: new Map(),
    };
    return { entry, since, span, windows, keptTo: usable ? keptThrough(states) : null };
  });
}

/** The last day whose items all of `states` kept; null when one kept none. */
function keptThrough(states: ReadonlyMap<string, unknown>): string | null {
  let through: string | null = null;
  for (const state of states.values()) {
    const kept = keptItemsOf(state);
    if (kept === null) return null;
    if (through === null || kept.keptTo < through) through = kept.keptTo;
  }
  return through;
}
