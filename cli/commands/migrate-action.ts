import { loadEnvironment } from '../../config/env.js';
import { openDatabase } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { CliIo } from '../io.js';

export default async function migrateAction(io: CliIo): Promise<void> {
  const env = loadEnvironment({ cwd: io.cwd, env: io.env, overrides: io.envOverrides });
  const database = await openDatabase(env.database);
  try {
    const { applied, latest } = await migrateToLatest(database.db);
    io.stderr(
      applied.length > 0
        ? `Migrated ${database.where}: applied ${applied.join(', ')}.`
        : `${database.where} is up to date (${latest}).`,
    );
  } finally {
    await database.close();
  }
}
