import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';
import { parseRepoFlag } from '../options.js';

export function registerCollect(program: Command, io: CliIo): void {
  program
    .command('collect')
    .description('run one collection pass (progress on stderr); safe to interrupt and run again')
    .addOption(
      new Option('--source <source>', 'collect only this source').choices([
        'github',
        'discord',
        'packages',
      ]),
    )
    .option('--backfill', 'fetch the full history, using the whole rate-limit budget if needed')
    .option('--repo <owner/name>', 'collect only this repository', parseRepoFlag)
    .option(
      '--queue',
      'PostgreSQL: queue one job per GitHub repository for pulseboard worker processes and wait for them',
    )
    .action(lazy(io, () => import('./collect-action.js')));
}
