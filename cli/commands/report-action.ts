import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCommandConfig } from '../config.js';
import { renderReport, type ReportFormat } from '../../server/report/index.js';
import { dayOf } from '../../shared/dates.js';
import { buildReport } from '../../server/report/model.js';
import { PdfUnavailableError } from '../../server/report/pdf.js';
import { ReportPeriodError, resolveReportRange } from '../../server/report/period.js';
import { openExistingDatabase } from '../database.js';
import { CliFailure, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

interface ReportOptions extends GlobalOptions {
  format: ReportFormat;
  out?: string;
  from?: string;
  to?: string;
  quarter?: string;
}

export default async function reportAction(
  io: CliIo,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<ReportOptions>();
  if (options.format === 'pdf' && !options.out)
    throw new UsageError('A PDF goes to a file: add --out report.pdf.');
  const config = loadCommandConfig(io, options.config);
  const now = new Date();
  const range = periodFrom(dayOf(now, config.timezone), options);
  const { database } = await openExistingDatabase(config.env.database);
  try {
    const model = await buildReport(database.db, config, range, now);
    const body = await renderReport(model, options.format).catch((error: unknown) => {
      throw error instanceof PdfUnavailableError ? new CliFailure(error.message) : error;
    });
    if (!options.out) return io.stdout(body.toString());
    writeFileSync(resolve(io.cwd, options.out), body);
    io.stderr(
      `Wrote ${options.out} (${options.format}, ${range.from} to ${range.to}, key results as of ${range.asOf}).`,
    );
  } finally {
    await database.close();
  }
}

/** The report's days; a bad combination of flags is a usage error naming the flag. */
function periodFrom(today: string, options: ReportOptions) {
  try {
    return resolveReportRange(today, options);
  } catch (error) {
    if (!(error instanceof ReportPeriodError)) throw error;
    throw new UsageError(
      `--${error.field}: ${error.message
        .replace(/\bfrom \(/, '--from (')
        .replace(/\bto \(/, '--to (')
        .replace(/^quarter and from\/to/, '--quarter and --from/--to')}`,
    );
  }
}
