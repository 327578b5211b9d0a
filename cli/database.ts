import { existsSync } from 'node:fs';
import type { DatabaseLocation } from '../config/env.js';
import { UsageError } from './errors.js';
import { openMigratedDatabase } from '../db/open.js';

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
