import { Option, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerDigest(program: Command, io: CliIo): void {
  program
    .command('digest')
    .description('post the weekly digest to Slack and Discord (once per week and channel)')
    .option('--dry-run', 'print the exact payloads instead of posting them')
    .addOption(
      new Option('--to <channel>', 'post to one channel only').choices(['slack', 'discord']),
    )
    .option('--week <YYYY-Www>', 'the ISO week to report on (default: the last full week)')
    .action(lazy(io, () => import('./digest-action.js')));
}
