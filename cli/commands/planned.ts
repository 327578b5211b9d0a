/**
 * Commands of the design whose machinery is not in this version. They take their real flags (so
 * --help documents them) and say plainly that they are not available, exit code 1.
 */
import { Option, type Command } from 'commander';
import { NotAvailableError } from '../errors.js';
import { parseDateFlag } from '../options.js';

function notYet(what: string): () => never {
  return () => {
    throw new NotAvailableError(`${what} is not available in this version of Pulseboard yet.`);
  };
}

export function registerPlanned(program: Command): void {
  program
    .command('report')
    .description('export the KPI report for the steering committee')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['md', 'csv', 'json', 'html', 'pdf'])
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--from <date>', 'first day (YYYY-MM-DD)', parseDateFlag)
    .option('--to <date>', 'last day (YYYY-MM-DD)', parseDateFlag)
    .action(notYet('Report export (pulseboard report)'));
}
