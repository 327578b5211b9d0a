import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerMigrate(program: Command, io: CliIo): void {
  program
    .command('migrate')
    .description('bring the database (PULSEBOARD_DB) to the newest schema; safe to run again')
    .action(lazy(io, () => import('./migrate-action.js')));
}
