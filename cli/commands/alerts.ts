import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerAlerts(program: Command, io: CliIo): void {
  program
    .command('alerts')
    .description(
      'evaluate the alerts now and send what is new (they also run after each collection)',
    )
    .option(
      '--dry-run',
      'print the exact payloads the current state would send; send and record nothing',
    )
    .action(lazy(io, () => import('./alerts-action.js')));
}
