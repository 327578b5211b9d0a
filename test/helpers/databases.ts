/**
 * Fresh databases for integration tests, one per test file, on each dialect. PostgreSQL tests create
 * their own database on the local server (PULSEBOARD_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres)
 * and drop it afterwards.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';
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

export async function createTestDatabase(
  dialect: Dialect,
  /** PostgreSQL: the database to copy (one nobody is connected to). */
  template?: string,
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-test-'));
    return {
      location: { kind: 'sqlite', path: join(dir, 'pulseboard.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `pulseboard_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await createDatabase(name, template);
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

/**
 * A template's last connection can still be closing on the server when the copy starts ("source
 * database is being accessed by other users"): that copy waits a moment and tries again.
 */
async function createDatabase(name: string, template?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await adminQuery(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
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

/**
 * A fresh, migrated database on `dialect`; `drop` closes and drops it. `location` opens it again
 * (another process's connection).
 */
export type OpenTestDatabase = DatabaseHandle & {
  location: DatabaseLocation;
  drop(): Promise<void>;
};

/**
 * A fresh, migrated database on `dialect`. Each is a copy of one migrated per test file and
 * dialect (PostgreSQL's `CREATE DATABASE … TEMPLATE`, a file copy for SQLite): running the 17
 * migrations took 0.4–1.3 s a PostgreSQL database, and files that open one per test opened dozens.
 * The copy is the same schema, and every test still gets a database of its own.
 */
export async function openTestDatabase(dialect: Dialect): Promise<OpenTestDatabase> {
  const testDb = await copyOfMigrated(dialect);
  const database = await openDatabase(testDb.location);
  return {
    ...database,
    location: testDb.location,
    drop: async () => {
      await database.close();
      await testDb.drop();
    },
  };
}

const migrated = new Map<Dialect, Promise<TestDatabase>>();

afterAll(async () => {
  const templates = await Promise.allSettled(migrated.values());
  migrated.clear();
  for (const template of templates)
    if (template.status === 'fulfilled') await template.value.drop();
});

function migratedTemplate(dialect: Dialect): Promise<TestDatabase> {
  let template = migrated.get(dialect);
  if (!template) {
    template = (async () => {
      const testDb = await createTestDatabase(dialect);
      const database = await openDatabase(testDb.location);
      try {
        await migrateToLatest(database.db);
      } finally {
        await database.close();
      }
      return testDb;
    })();
    migrated.set(dialect, template);
  }
  return template;
}

async function copyOfMigrated(dialect: Dialect): Promise<TestDatabase> {
  const template = (await migratedTemplate(dialect)).location;
  if (template.kind === 'sqlite') {
    const copy = await createTestDatabase('sqlite');
    copyFileSync(template.path, (copy.location as { path: string }).path);
    return copy;
  }
  return createTestDatabase('postgres', new URL(template.url).pathname.slice(1));
}
