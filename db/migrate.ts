/** Brings a database to the newest schema; running it again is a no-op. */
import { Migrator, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { migrations } from './migrations/index.js';

export interface MigrationOutcome {
  /** Names applied by this call, oldest first; empty when already up to date. */
  applied: string[];
  latest: string;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error) {
    const which = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(
      `Database migration failed${which}: ${(error as Error).message ?? String(error)}`,
    );
  }
  return {
    applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName),
    latest: Object.keys(migrations).at(-1)!,
  };
}

/** Names of the migrations not yet applied to this database, oldest first. */
export async function findPendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
