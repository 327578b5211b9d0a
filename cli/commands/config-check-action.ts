import { relative } from 'node:path';
import type { Command } from 'commander';
import { loadCommandConfig } from '../config.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

/** `pulseboard config check`: the config loaded as `start` would, or one line per problem (exit 2). */
export default function configCheckAction(io: CliIo, _options: unknown, command: Command): void {
  const loaded = loadCommandConfig(io, command.optsWithGlobals<GlobalOptions>().config);
  const keyResults = loaded.okrs.reduce((n, o) => n + o.keyResults.length, 0);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  io.stdout(
    `${relative(io.cwd, loaded.file) || loaded.file}: fine (${count(loaded.okrs.length, 'objective')}, ${count(keyResults, 'key result')})`,
  );
}
