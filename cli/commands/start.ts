import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';
import { parsePortFlag } from '../options.js';

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('migrate the database, serve the API and dashboard, and run the schedule')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)', parsePortFlag)
    .option('--no-schedule', 'serve only; do not collect or post digests on a schedule')
    .option(
      '--queue',
      'PostgreSQL: scheduled passes queue GitHub repositories for pulseboard worker processes',
    )
    .action(lazy(io, () => import('./start-action.js')));
}
