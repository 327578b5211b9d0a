import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerDbCommands(program: Command, io: CliIo): void {
  const db = program.command('db').description('database maintenance');
  db.command('copy')
    .description(
      'copy every row into a new, empty database (e.g. SQLite → PostgreSQL), checked by row counts',
    )
    .requiredOption('--from <db>', 'the source: a SQLite file path or postgres://… URL')
    .requiredOption(
      '--to <db>',
      'the target: a postgres://… URL or SQLite file path; it must hold no data',
    )
    .action(lazy(io, () => import('./db-action.js')));
}
