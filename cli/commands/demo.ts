/** `pulseboard demo`'s flags; the action (demo-action.ts) runs the whole pipeline offline. */
import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';
import { parseFaultRateFlag, parsePortFlag, parseSeedFlag } from '../options.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description(
      'run the whole pipeline offline against bundled stand-in APIs, then serve the dashboard',
    )
    .option('-p, --port <port>', 'port for the dashboard', parsePortFlag, 3000)
    .option(
      '--faults <rate>',
      'after the backfill, make this share of GitHub stand-in requests fail the ways GitHub does (5xx, limits, resets, timeouts…)',
      parseFaultRateFlag,
    )
    .option('--fault-seed <n>', 'seed for --faults, to replay the same faults', parseSeedFlag, 1)
    .action(lazy(io, () => import('./demo-action.js')));
}
