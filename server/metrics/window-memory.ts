/**
 * The window states a long-running process (`pulseboard start`) stored at its last refresh, kept
 * in memory per database handle: its next refresh resumes from them instead of reading and decoding
 * the stored copies again (1.3 MB at 10× history). They are the stored ones while the rollup version
 * is the one this process stamped after storing them, and while a metric's stored states end on the
 * day its kept ones do. Every refresh stamps a version of its own, so after one in another process
 * (a `pulseboard refresh` or `record`, a second worker) the next refresh here reads the stored ones.
 * A restored window copies what it changes (see sliding.ts), so kept states are never altered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** Per metric: the day its states end, and its states by scope (as its compute dumped them). */
export type KeptWindows = ReadonlyMap<
  string,
  { day: string; states: ReadonlyMap<string, unknown> }
>;

const kept = new WeakMap<Kysely<Database>, { version: string; windows: KeptWindows }>();

/**
 * The states kept for `db` when the stored rollup version is still `version` (this process's last
 * stamp), else none; either way they are forgotten until `keepWindows`: a refresh that fails
 * half-way may have saved some states without stamping, and must leave nothing stale behind.
 */
export function takeKeptWindows(db: Kysely<Database>, version: string | null): KeptWindows {
  const memory = kept.get(db);
  kept.delete(db);
  return memory !== undefined && memory.version === version ? memory.windows : new Map();
}

/**
 * After a refresh that stamped `version`: keeps `windows`, the states stored now (for the next
 * refresh to resume from), but for the metrics left without any (as the stored ones are, none).
 */
export function keepWindows(db: Kysely<Database>, version: string, windows: KeptWindows): void {
  const held = [...windows].filter(([, { states }]) => states.size > 0);
  kept.set(db, { version, windows: new Map(held) });
}
