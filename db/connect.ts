/**
 * Opens the database named by PULSEBOARD_DB: a SQLite file (WAL, foreign keys, busy timeout)
 * or PostgreSQL for a postgres:// URL. Everything above this sees the same Kysely<Database>.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  sql,
  type DialectAdapter,
  type MigrationLockOptions,
} from 'kysely';
import pg from 'pg';
import type { DatabaseLocation } from '../config/env.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it is, safe to print (no password). */
  where: string;
  close(): Promise<void>;
}

/** The database could not be opened or reached; the message says which and what to check. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

const BUSY_TIMEOUT_MS = 5000;

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  return location.kind === 'sqlite' ? openSqlite(location.path) : openPostgres(location.url);
}

function openSqlite(path: string): DatabaseHandle {
  let file: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    file = new SQLite(path, { timeout: BUSY_TIMEOUT_MS });
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('foreign_keys = ON');
  } catch (error) {
    throw new DatabaseError(
      `Cannot open the SQLite database ${path} (${(error as Error).message}); check PULSEBOARD_DB and that the folder is writable.`,
    );
  }
  const db = new Kysely<Database>({ dialect: new LockingSqliteDialect({ database: file }) });
  return { db, dialect: 'sqlite', where: path, close: () => db.destroy() };
}

/**
 * Kysely assumes one process per SQLite file and takes no migration lock, so two processes
 * starting together (`start` and `collect`) could both apply a migration. Here migrations run in a
 * transaction whose first statement writes, so SQLite hands out its write lock (waiting up to
 * busy_timeout) before the migrator reads which migrations have run.
 */
class LockingSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  override async acquireMigrationLock(
    db: Kysely<unknown>,
    options: MigrationLockOptions,
  ): Promise<void> {
    await sql`update ${sql.table(options.lockTable)} set is_locked = 1 where id = ${options.lockRowId}`.execute(
      db,
    );
  }

  override async releaseMigrationLock(
    db: Kysely<unknown>,
    options: MigrationLockOptions,
  ): Promise<void> {
    await sql`update ${sql.table(options.lockTable)} set is_locked = 0 where id = ${options.lockRowId}`.execute(
      db,
    );
  }
}

class LockingSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new LockingSqliteAdapter();
  }
}

/** PostgreSQL's int8 (count(*), sum of integers) as a JS number: our counts stay far below 2^53. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const where = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, max: 10 });
  // An idle client's connection error must not crash the process; queries report their own.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new DatabaseError(
      `Cannot connect to PostgreSQL at ${where} (${(error as Error).message}); check PULSEBOARD_DB and that the server is running.`,
    );
  }
  return { db, dialect: 'postgres', where, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
