import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerBackup(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'write a consistent copy of the SQLite database to FILE, safe while Pulseboard runs',
    )
    .argument('<file>', 'the new backup file')
    .action(lazy(io, () => import('./backup-action.js')));
}
