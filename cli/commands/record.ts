import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';
import { parseDateFlag } from '../options.js';

export function registerRecord(program: Command, io: CliIo): void {
  program
    .command('record')
    .description(
      'record values of manual metrics (ARR, NPS, downloads, …): one value, or a CSV file of them',
    )
    .argument('[metric]', 'manual.<name>, e.g. manual.arr')
    .argument('[value]', 'a number, e.g. 250000')
    .option(
      '--at <date>',
      'the day the value is for (YYYY-MM-DD; default today, UTC)',
      parseDateFlag,
    )
    .option('--csv <file>', 'import rows of metric,date,value (a header row is allowed)')
    .action(lazy(io, () => import('./record-action.js')));
}
