/**
 * The window states the rollup refresh keeps (`rollup_window`): per windowed metric and scope, the
 * state of its trailing window at the end of one day, so the next refresh resumes the slide.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { inChunks } from './chunks.js';

/** Per metric, the day its states end (null when its scopes' states end on different days). */
export async function listWindowDays(db: Kysely<Database>): Promise<Map<string, string | null>> {
  const rows = await db.selectFrom('rollup_window').select(['metric', 'day']).distinct().execute();
  const days = new Map<string, string | null>();
  for (const row of rows) days.set(row.metric, days.has(row.metric) ? null : row.day);
  return days;
}

/** The states of `metrics`, by metric and scope (as their computes dumped them). */
export async function readWindowStates(
  db: Kysely<Database>,
  metrics: readonly string[],
): Promise<Map<string, Map<string, unknown>>> {
  const states = new Map(metrics.map((m) => [m, new Map<string, unknown>()]));
  if (metrics.length === 0) return states;
  const rows = await db
    .selectFrom('rollup_window')
    .select(['metric', 'scope', 'state'])
    .where('metric', 'in', metrics)
    .execute();
  for (const row of rows) states.get(row.metric)?.set(row.scope, JSON.parse(row.state));
  return states;
}

/**
 * Replaces the states of the metrics in `states` with the given ones (all at the end of `day`), in
 * one transaction; `only` false drops every other metric's states too.
 */
export async function saveWindowStates(
  db: Kysely<Database>,
  day: string,
  states: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
  only = true,
): Promise<void> {
  const rows = [...states].flatMap(([metric, byScope]) =>
    [...byScope].map(([scope, state]) => ({ metric, scope, day, state: JSON.stringify(state) })),
  );
  await db.transaction().execute(async (trx) => {
    let gone = trx.deleteFrom('rollup_window');
    if (only) gone = gone.where('metric', 'in', ['', ...states.keys()]);
    await gone.execute();
    await inChunks(rows, (chunk) => trx.insertInto('rollup_window').values(chunk).execute(), 200);
  });
}
