/**
 * Opens the database named by PULSEBOARD_DB: a SQLite file (WAL, foreign keys, busy timeout)
 * or PostgreSQL for a postgres:// URL. Everything above this sees the same Kysely<Database>.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type pg from 'pg';
import type { DatabaseLocation } from '../config/env.js';
import type { Database } from './schema.js';
import { DatabaseError } from './errors.js';

export { DatabaseError };

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it is, safe to print (no password). */
  where: string;
  close(): Promise<void>;
}

const BUSY_TIMEOUT_MS = 5000;

export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  return location.kind === 'sqlite' ? openSqlite(location.path) : openPostgres(location.url);
}

async function openSqlite(path: string): Promise<DatabaseHandle> {
  let file: SQLite.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    file = new SQLite(path, { timeout: BUSY_TIMEOUT_MS });
    await enableWal(file);
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
 * Switching a new file to WAL needs it to itself for a moment, and SQLite answers "database is
 * locked" at once (no busy wait) when another process opens the same new file at that instant:
 * retry until the busy timeout.
 */
async function enableWal(file: SQLite.Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      file.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Every transaction here writes, so it begins IMMEDIATE: it takes SQLite's write lock up front,
 * waiting up to busy_timeout for another process's writer. A plain (deferred) BEGIN takes it only
 * at the first write, after the transaction has read, and SQLite then answers "database is locked"
 * at once instead of waiting whenever another process wrote in between. That is how two processes
 * migrating together failed: Kysely takes no migration lock on SQLite and reads which migrations
 * ran before it writes. With IMMEDIATE the second one waits, then sees them applied.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Runs migrations inside that transaction (SQLite's DDL is transactional). */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class LockingSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** PostgreSQL's int8 (count(*), sum of integers) as a JS number: our counts stay far below 2^53. */
function pgTypes(driver: typeof pg) {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === driver.types.builtins.INT8
        ? (value: string) => Number(value)
        : driver.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const where = redactUrl(url);
  // Loaded here: on SQLite (and in every CLI command that opens it) the driver is never loaded.
  const { default: driver } = await import('pg');
  const pool = new driver.Pool({ connectionString: url, types: pgTypes(driver), max: 10 });
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
