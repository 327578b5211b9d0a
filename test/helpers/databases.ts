/**
 * Fresh databases for integration tests, one per test file, on each dialect. PostgreSQL tests create
 * their own database on the local server (PULSEBOARD_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres)
 * and drop it afterwards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseLocation } from '../../config/env.js';
import { openDatabase, type DatabaseHandle, type Dialect } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export const PG_ADMIN_URL =
  process.env.PULSEBOARD_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  location: DatabaseLocation;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-test-'));
    return {
      location: { kind: 'sqlite', path: join(dir, 'pulseboard.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `pulseboard_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    location: { kind: 'postgres', url: url.toString() },
    drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** The database as `PULSEBOARD_DB` names it, for a CLI process under test. */
export function pulseboardDb(location: DatabaseLocation): string {
  return location.kind === 'sqlite' ? location.path : location.url;
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database on `dialect`; `close` closes and drops it. */
export type OpenTestDatabase = DatabaseHandle & { drop(): Promise<void> };

export async function openTestDatabase(dialect: Dialect): Promise<OpenTestDatabase> {
  const testDb = await createTestDatabase(dialect);
  const database = await openDatabase(testDb.location);
  await migrateToLatest(database.db);
  return {
    ...database,
    drop: async () => {
      await database.close();
      await testDb.drop();
    },
  };
}
