import { Option, type Command } from 'commander';
import { REPORT_FORMATS } from '../../server/report/index.js';
import type { CliIo } from '../io.js';
import { lazy } from '../lazy.js';
import { parseDateFlag, parseQuarterFlag } from '../options.js';

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('export the KPI report for the steering committee (default: the last 90 days)')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices([...REPORT_FORMATS])
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write to this file instead of stdout (required for pdf)')
    .option('--from <date>', 'first day (YYYY-MM-DD)', parseDateFlag)
    .option('--to <date>', 'last day (YYYY-MM-DD)', parseDateFlag)
    .option(
      '--quarter <quarter>',
      'a calendar quarter instead of --from/--to, e.g. 2026Q1',
      parseQuarterFlag,
    )
    .action(lazy(io, () => import('./report-action.js')));
}
