/** Opening a database for work: connect, then bring it to the newest schema. */
import type { DatabaseLocation } from '../config/env.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { migrateToLatest, type MigrationOutcome } from './migrate.js';

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
