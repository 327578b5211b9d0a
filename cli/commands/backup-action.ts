import { resolve } from 'node:path';
import { loadEnvironment } from '../../config/env.js';
import { backupSqlite } from '../../db/backup.js';
import { CliFailure, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

export default async function backupAction(io: CliIo, file: string): Promise<void> {
  const env = loadEnvironment({ cwd: io.cwd, env: io.env, overrides: io.envOverrides });
  if (env.database.kind !== 'sqlite') {
    throw new UsageError(
      'PULSEBOARD_DB is PostgreSQL; back it up with pg_dump (pulseboard backup is for the SQLite file).',
    );
  }
  const destination = resolve(io.cwd, file);
  const { pages } = await backupSqlite(env.database.path, destination).catch((error: Error) => {
    throw new CliFailure(`Backup failed: ${error.message}`);
  });
  io.stderr(`Backed up ${env.database.path} to ${destination} (${pages} pages).`);
}
