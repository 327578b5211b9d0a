import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerConfigCommands(program: Command, io: CliIo): void {
  const config = program.command('config').description('about the config file');
  config
    .command('schema')
    .description('print the JSON Schema of pulseboard.yaml, for editor completion and checks')
    .option('--out <file>', 'write it to this file instead of stdout')
    .action(lazy(io, () => import('./config-action.js')));
}
