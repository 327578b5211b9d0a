import { loadConfig, type Config } from '../config/load.js';
import type { CliIo } from './io.js';

/** The config a command runs with: the file it names (or the default), the environment, the global flags' overrides. */
export function loadCommandConfig(io: CliIo, file: string | undefined): Readonly<Config> {
  return loadConfig({ cwd: io.cwd, env: io.env, overrides: io.envOverrides, file });
}
