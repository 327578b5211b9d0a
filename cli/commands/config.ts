import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { configJsonSchema } from '../../config/json-schema.js';
import type { CliIo } from '../io.js';

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
}
