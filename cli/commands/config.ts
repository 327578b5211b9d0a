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
  config
    .command('check')
    .description(
      'load the config file as start would and say what is wrong with it (exit 2), without touching the database or any API',
    )
    .action(lazy(io, () => import('./config-check-action.js')));
}
