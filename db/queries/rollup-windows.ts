/**
 * The window states the rollup refresh keeps (`rollup_window`): per windowed metric and scope, the
 * state of its trailing window at the end of one day, so the next refresh resumes the slide.
 */
import { endianness } from 'node:os';
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
  for (const row of rows) states.get(row.metric)?.set(row.scope, decodeState(row.state));
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
    [...byScope].map(([scope, state]) => ({ metric, scope, day, state: encodeState(state) })),
  );
  await db.transaction().execute(async (trx) => {
    let gone = trx.deleteFrom('rollup_window');
    if (only) gone = gone.where('metric', 'in', ['', ...states.keys()]);
    await gone.execute();
    await inChunks(rows, (chunk) => trx.insertInto('rollup_window').values(chunk).execute(), 200);
  });
}

/**
 * The typed arrays a state may hold (as fields of an object), stored as their bytes, little-endian:
 * a large window (tens of thousands of durations or people) is written and restored as a copy of
 * its memory, without formatting, parsing or decoding each number.
 */
const ARRAYS = { f64: Float64Array, u32: Uint32Array } as const;
type ArrayKind = keyof typeof ARRAYS;
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * `state` as stored: the byte length of a JSON head (4 bytes, little-endian), the head (the state
 * as JSON, each typed-array field as `{"$f64": length}` or `$u32`), then those arrays' bytes in the
 * head's order.
 */
export function encodeState(state: unknown): Buffer {
  const arrays: Buffer[] = [];
  const head =
    state === null || typeof state !== 'object' || Array.isArray(state)
      ? state
      : Object.fromEntries(
          Object.entries(state).map(([name, value]) => {
            const kind = (Object.keys(ARRAYS) as ArrayKind[]).find(
              (k) => value instanceof ARRAYS[k],
            );
            if (kind === undefined) return [name, value];
            const array = value as Float64Array | Uint32Array;
            arrays.push(
              LITTLE_ENDIAN
                ? Buffer.from(array.buffer, array.byteOffset, array.byteLength)
                : littleEndianBytes(array),
            );
            return [name, { [`$${kind}`]: array.length }];
          }),
        );
  const json = Buffer.from(JSON.stringify(head));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, json, ...arrays]);
}

/** A stored state as `encodeState` wrote it. */
export function decodeState(stored: Uint8Array): unknown {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const headLength = bytes.readUInt32LE(0);
  const state: unknown = JSON.parse(bytes.toString('utf8', 4, 4 + headLength));
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return state;
  let offset = 4 + headLength;
  const fields = state as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const [tag, length] = Object.entries(value)[0] ?? [];
    const kind = tag?.slice(1) as ArrayKind;
    if (!tag?.startsWith('$') || typeof length !== 'number' || !(kind in ARRAYS)) continue;
    const size = length * ARRAYS[kind].BYTES_PER_ELEMENT;
    fields[name] = fromBytes(kind, bytes.subarray(offset, offset + size));
    offset += size;
  }
  return fields;
}

/** The array of `kind` in `bytes` (copied: a blob's bytes need not be aligned for it). */
function fromBytes(kind: ArrayKind, bytes: Buffer): Float64Array | Uint32Array {
  const Kind = ARRAYS[kind];
  const array = new Kind(bytes.byteLength / Kind.BYTES_PER_ELEMENT);
  if (LITTLE_ENDIAN) new Uint8Array(array.buffer).set(bytes);
  else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < array.length; i++)
      array[i] = kind === 'f64' ? view.getFloat64(i * 8, true) : view.getUint32(i * 4, true);
  }
  return array;
}

function littleEndianBytes(array: Float64Array | Uint32Array): Buffer {
  const bytes = Buffer.alloc(array.byteLength);
  array.forEach((v, i) =>
    array instanceof Float64Array ? bytes.writeDoubleLE(v, i * 8) : bytes.writeUInt32LE(v, i * 4),
  );
  return bytes;
}
