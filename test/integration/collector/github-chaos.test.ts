/**
 * The collectors under the stand-in's seeded fault mode: whatever GitHub does, a pass completes or
 * stops with a clear, resumable state, and once the faults stop the database equals a clean run's,
 * table for table, row for row. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunSummary } from '../../../collector/run.js';
import { createFaultInjector, FAULT_KINDS, type FaultOptions } from '../../../demo/faults.js';
import { fullName, type World } from '../../../demo/github/world.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { diffDumps, dumpTables } from '../../helpers/dump.js';
import {
  collectGithubOnce,
  githubConfig,
  startGithubStandIn,
  type GithubFixture,
} from '../../helpers/github.js';

const WORLD = { repos: 2, stars: 450, pulls: 220, issues: 220, commits: 150, seed: 23 };
/** Short waits: retries after 1, 4, 9 ms; a request taking over 200 ms has timed out. */
const PACING = { graphqlSpacingMs: 0, retryAfterBaseMs: 1, requestTimeoutMs: 200 };
/**
 * A complete pass needs every request of it to get through: with traffic, releases and forks a pass
 * asks more than it did, so at a 40% fault rate it takes more passes (each keeps what it stored).
 */
const MAX_PASSES = 40;
/**
 * Every pass of the file at one instant: a pass stores the day it read release downloads and
 * traffic on, so a clean run before midnight (UTC) and a test after it would differ by that day.
 */
const NOW = new Date();
const clock = () => NOW;

type Database = OpenTestDatabase;

function collect(database: Database, fixture: GithubFixture, backfill = true) {
  return collectGithubOnce(database.db, fixture, { backfill, github: PACING, now: clock });
}

/** Passes until one completes; the failed ones' errors, each checked to read as one clear line. */
async function collectUntilComplete(database: Database, fixture: GithubFixture) {
  const failures: RunSummary[] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const summary = await collect(database, fixture);
    if (summary.ok) return failures;
    failures.push(summary);
  }
  throw new Error(`no complete pass in ${MAX_PASSES}: ${failures.map((f) => f.error).join(' | ')}`);
}

function expectClearError(summary: RunSummary) {
  const error = summary.error ?? '';
  expect(error).not.toMatch(/\n|undefined|\[object|TypeError|Cannot read|at .*\.js:\d+/);
  expect(error).toMatch(/next pass (resumes|retries)|GITHUB_TOKEN/);
}

describe.each(DIALECTS)('GitHub collection under injected faults on %s', (dialect) => {
  let clean: Record<string, string[]>;

  beforeAll(async () => {
    const fixture = startGithubStandIn(WORLD);
    const database = await openTestDatabase(dialect);
    try {
      const summary = await collect(database, fixture);
      expect(summary.ok, summary.error ?? '').toBe(true);
      clean = await dumpTables(database.db);
      const pulls = fixture.standIn.world.repos.flatMap((r) => r.pulls);
      expect(clean.pull_request).toHaveLength(pulls.length);
    } finally {
      fixture.close();
      await database.drop();
    }
  });

  let fixture: GithubFixture | undefined;
  let database: Database | undefined;
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  /** A new stand-in and an empty database; the previous test's are closed. */
  async function startFresh() {
    fixture?.close();
    await database?.drop();
    fixture = startGithubStandIn(WORLD);
    database = await openTestDatabase(dialect);
    return { fixture, database };
  }

  async function underFaults(options: FaultOptions) {
    const { fixture, database } = await startFresh();
    const faults = createFaultInjector(options);
    fixture.standIn.faults = faults;
    const failures = await collectUntilComplete(database, fixture);
    faults.enabled = false;
    const after = await collect(database, fixture);
    expect(after.ok, after.error ?? '').toBe(true);
    expect(await dumpTables(database.db)).toEqual(clean);
    return { faults, failures };
  }

  // Each kind alone on SQLite; on PostgreSQL the mixes below inject every kind (checked after them):
  // how the collector meets a fault does not depend on the dialect, what it stores does.
  const singleKinds = dialect === 'sqlite' ? FAULT_KINDS : [];
  test.each(singleKinds)('%s: completes or resumes, then equals a clean run', async (kind) => {
    const { faults, failures } = await underFaults({
      seed: FAULT_KINDS.indexOf(kind) + 7,
      kinds: [kind],
      // A revoked token stops the whole pass; at 40% no pass would get far.
      rate: kind === 'revoked-token' ? 0.1 : 0.4,
    });
    expect(faults.injected[kind]).toBeGreaterThan(0);
    for (const failure of failures) expectClearError(failure);
    if (kind === 'revoked-token') {
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures) expect(failure.error).toMatch(/GITHUB_TOKEN \(401/);
    }
  });

  const mixed = new Set<string>();
  test.each([1, 2, 3])('a mix of every fault (seed %i) ends equal to a clean run', async (seed) => {
    const { faults, failures } = await underFaults({ seed, rate: 0.3 });
    const kinds = FAULT_KINDS.filter((k) => faults.injected[k] > 0);
    expect(kinds.length).toBeGreaterThanOrEqual(4);
    for (const kind of kinds) mixed.add(kind);
    for (const failure of failures) expectClearError(failure);
  });

  test('the three mixes together met every kind of fault', () => {
    expect([...mixed].sort()).toEqual([...FAULT_KINDS].sort());
  });

  test('a repository renamed mid-backfill (301) ends equal to a clean run of the renamed one', async () => {
    const rename = (world: World) => {
      const repo = world.repos[0]!;
      repo.formerNames.push(fullName(repo));
      repo.name = `${repo.name}-renamed`;
    };
    const configured = (to: { fixture: GithubFixture; database: Database }, names: string[]) =>
      collectGithubOnce(to.database.db, to.fixture, {
        backfill: true,
        github: PACING,
        now: clock,
        config: githubConfig(to.fixture.standIn.world, { repos: names }),
      });

    const reference = await startFresh();
    const names = reference.fixture.standIn.world.repos.map(fullName);
    rename(reference.fixture.standIn.world); // the reference: renamed before the first pass
    expect((await configured(reference, names)).ok).toBe(true);
    const renamed = await dumpTables(reference.database.db);
    expect(renamed.repo!.join()).toContain('-renamed');

    const { fixture, database } = await startFresh();
    let seen = 0;
    const world = fixture.standIn.world;
    fixture.standIn.interceptors.push(() => {
      if (++seen === 8) rename(world);
      return undefined;
    });
    const failures: RunSummary[] = [];
    let summary: RunSummary;
    do {
      summary = await configured({ fixture, database }, names);
      if (!summary.ok) failures.push(summary);
    } while (!summary.ok && failures.length < 3);
    for (const failure of failures) expectClearError(failure);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(summary.notes.join(' ')).toContain(`${names[0]} was renamed to ${names[0]}-renamed`);
    expect(seen).toBeGreaterThan(8);
    expect(diffDumps(await dumpTables(database.db), renamed)).toEqual({});
  });

  test('a revoked token stops the pass at the first 401: one clear message, no retry storm', async () => {
    const { fixture, database } = await startFresh();
    const first = await collect(database, fixture);
    expect(first.ok).toBe(true);
    const faults = createFaultInjector({ seed: 1, kinds: ['revoked-token'], rate: 1 });
    fixture.standIn.faults = faults;
    const summary = await collect(database, fixture);
    expect(summary.error).toBe(
      'GitHub rejected GITHUB_TOKEN (401 Bad credentials); create a new token with read access to the repositories and put it in .env.',
    );
    expect(faults.requests).toBe(1);
  });

  test('an exhausted rate limit stops a normal pass resumably; --backfill waits for the reset', async () => {
    const { fixture, database } = await startFresh();
    const faults = createFaultInjector({ seed: 1, kinds: ['primary-exhausted'], rate: 1 });
    let seen = 0;
    let exhausted = (n: number) => n >= 6; // a normal pass has stored something by then
    fixture.standIn.faults = {
      ...faults,
      handle: (request, next) => (exhausted(++seen) ? faults.handle(request, next) : next(request)),
    };
    const normal = await collect(database, fixture, false);
    expect(normal.ok).toBe(false);
    expect(normal.error).toMatch(
      /^GitHub's rate limit for this token is used up until \d\d:\d\d UTC; the next pass resumes where this one stopped\.$/,
    );
    expect(seen).toBe(6); // nothing sent against an exhausted limit
    expect(await database.db.selectFrom('repo').selectAll().execute()).not.toHaveLength(0);

    // A backfill meets the limit once more, waits for the reset and finishes.
    seen = 0;
    exhausted = (n) => n === 1;
    const resumed = await collect(database, fixture, true);
    expect(resumed.ok, resumed.error ?? '').toBe(true);
    expect(faults.injected['primary-exhausted']).toBe(2);
    expect(await dumpTables(database.db)).toEqual(clean);
  });
});
