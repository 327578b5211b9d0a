/**
 * Kept window states (`rollup_window`) come back as they were saved, on both dialects: typed arrays
 * (stored as their bytes) as typed arrays of the same values, everything else as JSON.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  decodeState,
  encodeState,
  readWindowStates,
  saveWindowStates,
} from '../../../db/queries/rollup-windows.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

const STATES = {
  percentile: {
    values: Float64Array.from([0.1, 1 / 3, 2.5, 1e-300, 123456.789, -0, Number.MAX_VALUE]),
    counts: Uint32Array.from([1, 2, 3, 4, 5, 6, 4_000_000_000]),
  },
  people: { keys: ['ana', 'bo', 'email:x"y'], counts: Uint32Array.from([3, 1, 7]) },
  empty: { keys: [], counts: new Uint32Array(0) },
  ratio: [4, 9],
  pairs: [
    ['ana', 2],
    ['bo', 1],
  ],
};

test.each(Object.entries(STATES))('%s: decodes to what was encoded', (_name, state) => {
  expect(decodeState(encodeState(state))).toEqual(state);
});

test('a typed array is stored as its bytes, not as JSON or base64', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => i / 7);
  const counts = Uint32Array.from({ length: 1000 }, (_, i) => i);
  const stored = encodeState({ values, counts });
  expect(stored.length).toBeLessThan(values.byteLength + counts.byteLength + 64);
  // Read from any offset (a driver's buffer need not be aligned for a Float64Array).
  const shifted = Buffer.concat([Buffer.from([0]), stored]).subarray(1);
  expect(decodeState(shifted)).toEqual({ values, counts });
});

describe.each(DIALECTS)('window states on %s', (dialect) => {
  let database: OpenTestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(() => database.drop());

  test('are read back as saved, typed arrays included', async () => {
    const byScope = new Map<string, unknown>(Object.entries(STATES));
    await saveWindowStates(database.db, '2026-11-21', new Map([['m', byScope]]));
    const read = await readWindowStates(database.db, ['m']);
    expect(read.get('m')).toEqual(byScope);
    const percentile = read.get('m')?.get('percentile') as typeof STATES.percentile;
    expect(percentile.values).toBeInstanceOf(Float64Array);
    expect(percentile.counts).toBeInstanceOf(Uint32Array);
  });
});
