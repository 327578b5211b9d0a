import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';
import { parseGuildFlag, parseRepoFlag } from '../options.js';

export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a starter pulseboard.yaml (with example OKRs) and a .env for your tokens')
    .option('--repo <owner/name>', 'a GitHub repository to track (repeat for more)', parseRepoFlag)
    .option('--guild <id>', 'the Discord server id to track', parseGuildFlag)
    .option('--project <name>', 'the project name shown on the dashboard')
    .option('--force', 'overwrite an existing config file')
    .action(lazy(io, () => import('./init-action.js')));
}
