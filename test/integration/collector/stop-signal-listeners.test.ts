/**
 * `pulseboard start` hands every scheduled pass the same stop signal, for as long as it runs: a pass
 * of every source must leave no listener on it, or they pile up pass after pass (a leak, and Node's
 * "MaxListenersExceededWarning: 11 abort listeners added to [AbortSignal]" after five minutes of
 * the demo's schedule: @discordjs/rest adds one to the signal of each request and never removes
 * it).
 */
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { collectStandIns, startStandIns } from '../../helpers/stand-ins.js';

const NOW = new Date('2026-11-01T00:00:00Z');
let standIns: ReturnType<typeof startStandIns>;
let database: OpenTestDatabase;
beforeAll(async () => {
  standIns = startStandIns(
    { repos: 2, stars: 30, pulls: 20, issues: 20, commits: 30, seed: 4, now: NOW.toISOString() },
    { members: 300, seed: 4, now: NOW.toISOString() },
    { seed: 4 },
  );
  database = await openTestDatabase('sqlite');
});
afterAll(async () => {
  standIns?.close();
  await database?.drop();
});

test('passes of every source sharing one long-lived stop signal leave no listener on it', async () => {
  const stop = new AbortController();
  let most = 0;
  const add = stop.signal.addEventListener.bind(stop.signal);
  stop.signal.addEventListener = (...args: Parameters<typeof add>) => {
    add(...args);
    most = Math.max(most, getEventListeners(stop.signal, 'abort').length);
  };
  for (let pass = 1; pass <= 3; pass++) {
    const summaries = await collectStandIns(database.db, standIns, NOW, stop.signal);
    expect(summaries.map((s) => [s.source, s.ok, s.error])).toEqual(
      summaries.map((s) => [s.source, true, null]),
    );
    expect(summaries.map((s) => s.source).sort()).toEqual(['discord', 'github', 'packages']);
    expect(getEventListeners(stop.signal, 'abort'), `after pass ${pass}`).toHaveLength(0);
  }
  // Each request in flight holds one, as long as it runs.
  expect(most).toBeGreaterThan(0);
});
