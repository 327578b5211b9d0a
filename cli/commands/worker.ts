/**
 * `pulseboard worker` (PostgreSQL only): collects the GitHub repositories that `collect --queue`
 * (or `start --queue`) puts on the job queue. Run as many as you like, on one machine or several.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';

export function registerWorker(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description(
      'PostgreSQL only: collect GitHub repositories from the job queue that collect --queue fills (run several)',
    )
    .option('--batch <n>', 'repositories taken from the queue at once (1–100)', parseCount, 20)
    .option(
      '--concurrency <n>',
      'repositories of a batch collected at once (1–100; GitHub asks for one request at a time per token)',
      parseCount,
      1,
    )
    .action(lazy(io, () => import('./worker-action.js')));
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 100)
    throw new InvalidArgumentError('use a whole number from 1 to 100, e.g. 20.');
  return n;
}
