import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acquireLease, findLease, releaseLease, renewLease } from '../../../db/queries/lease.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

describe.each(DIALECTS)('leases on %s', (dialect) => {
  let database: OpenTestDatabase;
  const t0 = new Date('2026-05-01T12:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.drop();
  });

  test('one holder at a time; the holder may renew; release frees it', async () => {
    const db = database.db;
    expect(await acquireLease(db, 'job', 'a', 60_000, t0)).toBe(true);
    expect(await acquireLease(db, 'job', 'b', 60_000, later(1000))).toBe(false);
    expect(await acquireLease(db, 'job', 'a', 60_000, later(2000))).toBe(true);
    await renewLease(db, 'job', 'a', 60_000, later(50_000));
    expect(await acquireLease(db, 'job', 'b', 60_000, later(70_000))).toBe(false);
    await releaseLease(db, 'job', 'a');
    expect(await findLease(db, 'job')).toBeUndefined();
    expect(await acquireLease(db, 'job', 'b', 60_000, later(70_000))).toBe(true);
    await releaseLease(db, 'job', 'b');
  });

  test('a dead holder’s lease runs out and another takes over', async () => {
    const db = database.db;
    expect(await acquireLease(db, 'job', 'dead', 60_000, t0)).toBe(true);
    expect(await acquireLease(db, 'job', 'next', 60_000, later(59_000))).toBe(false);
    expect(await acquireLease(db, 'job', 'next', 60_000, later(61_000))).toBe(true);
    expect((await findLease(db, 'job'))?.holder).toBe('next');
    await releaseLease(db, 'job', 'dead'); // a late release by the old holder changes nothing
    expect((await findLease(db, 'job'))?.holder).toBe('next');
  });

  test('many contenders at once: exactly one wins', async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `h${i}`);
    const wins = await Promise.all(
      holders.map((h) => acquireLease(database.db, 'race', h, 60_000, t0)),
    );
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
});
