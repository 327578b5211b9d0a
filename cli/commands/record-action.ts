import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { loadEnvironment } from '../../config/env.js';
import { manualDayProblem, manualValueProblem } from '../../shared/limits.js';
import { MANUAL_METRIC } from '../../server/kpi/metrics/index.js';
import { isIsoDate } from '../../config/patterns.js';
import { upsertManualValue } from '../../db/queries/manual.js';
import type { ManualValueTable } from '../../db/schema.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import { openMigratedDatabase } from '../../db/open.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { rollupTimeZone } from './refresh-action.js';

interface RecordOptions extends GlobalOptions {
  at?: string;
  csv?: string;
}

export default async function recordAction(
  io: CliIo,
  metric: string | undefined,
  value: string | undefined,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<RecordOptions>();
  const now = new Date().toISOString();
  const rows = options.csv
    ? readCsv(resolve(io.cwd, options.csv), now)
    : [toRow(metric, value, options.at ?? now.slice(0, 10), now, 'cli', 'the arguments')];

  const timezone = rollupTimeZone(io, options);
  const env = loadEnvironment({ cwd: io.cwd, env: io.env, overrides: io.envOverrides });
  const { database } = await openMigratedDatabase(env.database);
  try {
    await database.db.transaction().execute(async (trx) => {
      for (const row of rows) await upsertManualValue(trx, row);
    });
    await refreshDailyMetrics(database.db, timezone, new Date(now));
  } finally {
    await database.close();
  }
  io.stderr(
    rows.length === 1
      ? `Recorded ${rows[0]!.metric} = ${rows[0]!.value} for ${rows[0]!.at}.`
      : `Recorded ${rows.length} values of ${new Set(rows.map((r) => r.metric)).size} metric(s) from ${options.csv}.`,
  );
}

const PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

function toRow(
  metric: string | undefined,
  value: string | undefined,
  at: string,
  now: string,
  source: ManualValueTable['source'],
  where: string,
): ManualValueTable {
  if (!metric || value === undefined) {
    throw new UsageError(
      'Give a metric and a value (pulseboard record manual.arr 250000), or --csv FILE.',
    );
  }
  if (!MANUAL_METRIC.test(metric)) {
    throw new UsageError(
      `"${metric}" in ${where} is not a manual metric; name it manual.<name> in lower case, e.g. manual.arr (collected metrics cannot be recorded by hand).`,
    );
  }
  // Plain decimal only: Number() would also read 0x10 as 16, 1e2 as 100 and " 5" as 5.
  if (!PLAIN_NUMBER.test(value)) {
    throw new UsageError(
      `"${value}" in ${where} is not a number; write the value plainly, e.g. 250000 or 4.5.`,
    );
  }
  const number = Number(value);
  const tooBig = manualValueProblem(number);
  if (tooBig) throw new UsageError(`The value ${value} in ${where} ${tooBig}.`);
  if (!isIsoDate(at))
    throw new UsageError(
      `"${at}" in ${where} is not a date; write it YYYY-MM-DD, e.g. 2026-03-31.`,
    );
  const outside = manualDayProblem(at, now.slice(0, 10));
  if (outside) throw new UsageError(`The day ${at} in ${where} ${outside}.`);
  return { metric, at, value: number, recorded_at: now, source };
}

/** All rows or none: a bad row names its line and stops the import before anything is written. */
function readCsv(file: string, now: string): ManualValueTable[] {
  if (!existsSync(file)) throw new UsageError(`No file at ${file}; check the path given to --csv.`);
  let records: string[][];
  try {
    records = parse(readFileSync(file, 'utf8'), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as string[][];
  } catch (error) {
    throw new UsageError(
      `${file} is not valid CSV (${(error as Error).message}); write rows of metric,date,value.`,
    );
  }
  const first = records[0]?.map((cell) => cell.toLowerCase());
  const body = first && first[0] === 'metric' ? records.slice(1) : records;
  if (body.length === 0)
    throw new UsageError(`${file} has no rows; write rows of metric,date,value.`);
  return body.map((record, i) => {
    const line = i + 1 + (body === records ? 0 : 1);
    if (record.length !== 3)
      throw new UsageError(
        `${file} line ${line} has ${record.length} columns; write metric,date,value.`,
      );
    const [metric, at, value] = record as [string, string, string];
    return toRow(metric, value, at, now, 'csv', `${file} line ${line}`);
  });
}
