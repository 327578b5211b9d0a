import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCommandConfig } from '../config.js';
import type { Command } from 'commander';
import { loadEnvironment } from '../../config/env.js';
import { DEFAULT_CONFIG_FILE } from '../../config/load.js';
import { openMigratedDatabase } from '../../db/open.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

interface RefreshOptions extends GlobalOptions {
  full?: boolean;
}

/** The time zone the rollups use: the config's, when there is a config file; else UTC. */
export function rollupTimeZone(io: CliIo, options: GlobalOptions): string {
  const configFile = resolve(io.cwd, options.config ?? DEFAULT_CONFIG_FILE);
  return existsSync(configFile) ? loadCommandConfig(io, options.config).timezone : 'UTC';
}

export default async function refreshAction(
  io: CliIo,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<RefreshOptions>();
  const timeZone = rollupTimeZone(io, options);
  const env = loadEnvironment({ cwd: io.cwd, env: io.env, overrides: io.envOverrides });
  const { database } = await openMigratedDatabase(env.database);
  try {
    const started = performance.now();
    const rows = await refreshDailyMetrics(database.db, timeZone, new Date(), {
      full: options.full ?? false,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.stderr(
      `${options.full ? 'Rebuilt' : 'Refreshed'} the rollups: ${rows} daily values computed in ${seconds} s.`,
    );
  } finally {
    await database.close();
  }
}
