/**
 * `first_contribution` (kept by triggers, migration 0012) always holds each contributor's earliest
 * contribution per repository, whatever the writes: new contributions, back-dated ones, PRs
 * un-merged (deleted), contributions re-attributed to another person or moved in time by an
 * upsert, and the backfill of a database that had contributions before the migration.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { migrations } from '../../../db/migrations/index.js';
import { deleteContributions, upsertContributions } from '../../../db/queries/github.js';
import { seeded } from '../../../demo/random.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';
import { addRepo } from '../../helpers/rollup-history.js';

const REPOS = ['r1', 'r2'];
const PEOPLE = ['ana', 'bo', 'cy', 'email:x'];

/** The firsts as a scan of `contribution` computes them (what the table must equal). */
async function scanned(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('contribution')
    .select(['repo_id', 'contributor', 'at'])
    .execute();
  const first = new Map<string, string>();
  for (const r of rows) {
    const key = `${r.repo_id} ${r.contributor}`;
    const known = first.get(key);
    if (known === undefined || r.at < known) first.set(key, r.at);
  }
  return [...first].map(([key, at]) => `${key} ${at}`).sort();
}

async function stored(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('first_contribution')
    .select(['repo_id', 'contributor', 'at'])
    .execute();
  return rows.map((r) => `${r.repo_id} ${r.contributor} ${r.at}`).sort();
}

async function addRepos(db: Kysely<Database>) {
  for (const id of REPOS) await addRepo(db, id, '2026-01-01T00:00:00.000Z');
}

describe.each(DIALECTS)('first contributions on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: DatabaseHandle;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = await openDatabase(testDb.location);
    if (dialect === 'postgres')
      await sql`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database()); END $$`.execute(
        database.db,
      );
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  test('the migration backfills the firsts of the contributions already stored', async () => {
    const db = database.db;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const before = await migrator.migrateTo('0011_rollup_window');
    expect(before.error).toBeUndefined();
    await addRepos(db);
    await upsertContributions(db, [
      { repo_id: 'r1', kind: 'pr', ref: '1', contributor: 'ana', at: '2026-02-03T10:00:00Z' },
      { repo_id: 'r1', kind: 'commit', ref: 'a', contributor: 'ana', at: '2026-01-05T09:00:00Z' },
      { repo_id: 'r2', kind: 'commit', ref: 'b', contributor: 'ana', at: '2026-03-01T00:00:00Z' },
      { repo_id: 'r1', kind: 'commit', ref: 'c', contributor: 'bo', at: '2026-02-01T00:00:00Z' },
    ]);
    await migrateToLatest(db);
    expect(await stored(db)).toEqual([
      'r1 ana 2026-01-05T09:00:00Z',
      'r1 bo 2026-02-01T00:00:00Z',
      'r2 ana 2026-03-01T00:00:00Z',
    ]);
  });

  test('after every write of a random sequence, the table equals a scan of the contributions', async () => {
    const db = database.db;
    const random = seeded(dialect === 'sqlite' ? 5 : 9);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const at = () =>
      new Date(Date.parse('2026-01-01T00:00:00Z') + Math.floor(random() * 90) * 3_600_000 * 24)
        .toISOString()
        .replace('.000', '');
    const refs: { repo_id: string; kind: 'pr' | 'commit'; ref: string }[] = [];
    for (let step = 0; step < 60; step++) {
      const roll = random();
      if (roll < 0.4 || refs.length === 0) {
        // A new contribution, often back-dated before the person's first.
        const row = {
          repo_id: pick(REPOS),
          kind: pick(['pr', 'commit'] as const),
          ref: `x${step}`,
          contributor: pick(PEOPLE),
          at: at(),
        };
        refs.push(row);
        await upsertContributions(db, [row]);
      } else if (roll < 0.6) {
        // A PR un-merged, a commit dropped from the mainline: the contribution is deleted.
        const gone = refs.splice(Math.floor(random() * refs.length), 1)[0]!;
        await deleteContributions(db, gone.repo_id, gone.kind, [gone.ref]);
      } else if (roll < 0.8) {
        // Re-attributed (an email linked to an account later).
        await upsertContributions(db, [{ ...pick(refs), contributor: pick(PEOPLE), at: at() }]);
      } else {
        // Moved in time only, or written again unchanged.
        const ref = pick(refs);
        const row = await db
          .selectFrom('contribution')
          .selectAll()
          .where('repo_id', '=', ref.repo_id)
          .where('kind', '=', ref.kind)
          .where('ref', '=', ref.ref)
          .executeTakeFirstOrThrow();
        await upsertContributions(db, [random() < 0.5 ? row : { ...row, at: at() }]);
      }
      expect(await stored(db), `after step ${step + 1}`).toEqual(await scanned(db));
    }
    // Several rows in one statement, one of them the new first.
    await upsertContributions(db, [
      { repo_id: 'r2', kind: 'commit', ref: 'm1', contributor: 'bo', at: '2025-12-01T00:00:00Z' },
      { repo_id: 'r2', kind: 'commit', ref: 'm2', contributor: 'bo', at: '2025-11-01T00:00:00Z' },
    ]);
    expect(await stored(db)).toEqual(await scanned(db));
    expect(await stored(db)).toContain('r2 bo 2025-11-01T00:00:00Z');
  });
});
