/** `pulseboard doctor`: one line per check of the setup (doctor-action.ts); exit code 1 when one fails. */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerDoctor(program: Command, io: CliIo): void {
  program
    .command('doctor')
    .description(
      'check the config, tokens and their scopes, rate limits, repository access, package sources, webhooks and the database',
    )
    .action(lazy(io, () => import('./doctor-action.js')));
}
