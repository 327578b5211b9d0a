import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../../server/report/index.js';
import { buildReport, reportRange } from '../../server/report/model.js';
import { PdfUnavailableError } from '../../server/report/pdf.js';
import { openMigratedDatabase } from '../database.js';
import { CliFailure, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { parseDateFlag } from '../options.js';

interface ReportOptions extends GlobalOptions {
  format: ReportFormat;
  out?: string;
  from?: string;
  to?: string;
}

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
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<ReportOptions>();
      if (options.format === 'pdf' && !options.out)
        throw new UsageError('A PDF goes to a file: add --out report.pdf.');
      const config = loadConfig({ cwd: io.cwd, env: io.env, file: options.config });
      const now = new Date();
      const range = reportRange(now, config.timezone, options.from, options.to);
      if (range.from > range.to)
        throw new UsageError(`--from ${range.from} is after --to ${range.to}; swap them.`);
      const { database } = await openMigratedDatabase(config.env.database);
      try {
        const model = await buildReport(database.db, config, range, now);
        const body = await renderReport(model, options.format).catch((error: unknown) => {
          throw error instanceof PdfUnavailableError ? new CliFailure(error.message) : error;
        });
        if (!options.out) return io.stdout(body.toString());
        writeFileSync(resolve(io.cwd, options.out), body);
        io.stderr(`Wrote ${options.out} (${options.format}, ${range.from} to ${range.to}).`);
      } finally {
        await database.close();
      }
    });
}
