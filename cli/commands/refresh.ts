import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerRefresh(program: Command, io: CliIo): void {
  program
    .command('refresh')
    .description(
      'bring the daily rollups up to date (what changed since the last refresh); --full recomputes every metric from all stored rows',
    )
    .option('--full', 'recompute everything (the reference the incremental refresh is held to)')
    .action(lazy(io, () => import('./refresh-action.js')));
}
