import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { configJsonSchema } from '../../config/json-schema.js';
import { loadCommandConfig } from '../config.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

export function registerConfigCommands(program: Command, io: CliIo): void {
  const config = program.command('config').description('about the config file');
  config
    .command('schema')
    .description('print the JSON Schema of pulseboard.yaml, for editor completion and checks')
    .option('--out <file>', 'write it to this file instead of stdout')
    .action((options: { out?: string }) => {
      const text = `${JSON.stringify(configJsonSchema, null, 2)}\n`;
      if (!options.out) return io.stdout(text);
      writeFileSync(resolve(io.cwd, options.out), text);
      io.stderr(`Wrote ${options.out}.`);
    });
  config
    .command('check')
    .description(
      'load the config file as start would and say what is wrong with it (exit 2), without touching the database or any API',
    )
    .action((_options, command: Command) => {
      const loaded = loadCommandConfig(io, command.optsWithGlobals<GlobalOptions>().config);
      const keyResults = loaded.okrs.reduce((n, o) => n + o.keyResults.length, 0);
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
      io.stdout(
        `${relative(io.cwd, loaded.file) || loaded.file}: fine (${count(loaded.okrs.length, 'objective')}, ${count(keyResults, 'key result')})`,
      );
    });
}
