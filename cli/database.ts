import { existsSync } from 'node:fs';
import type { DatabaseLocation } from '../config/env.js';
import { UsageError } from './errors.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest, type MigrationOutcome } from '../db/migrate.js';

/** Opens the database and brings it to the newest schema (commands that write run this first). */
export async function openMigratedDatabase(
  location: DatabaseLocation,
): Promise<{ database: DatabaseHandle; migration: MigrationOutcome }> {
  const database = await openDatabase(location);
  try {
    return { database, migration: await migrateToLatest(database.db) };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * For commands that only read (report, digest): a SQLite file that does not exist would be created
 * empty, in what is then surely the wrong place; say so instead.
 */
export async function openExistingDatabase(location: DatabaseLocation) {
  if (location.kind === 'sqlite' && !existsSync(location.path))
    throw new UsageError(
      `PULSEBOARD_DB: there is no database at ${location.path}; run pulseboard collect first, set PULSEBOARD_DB to your database, or add --demo to use the demo's data.`,
    );
  return openMigratedDatabase(location);
}
