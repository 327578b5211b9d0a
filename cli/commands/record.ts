import type { Command } from 'commander';
import { loadEnvironment } from '../../config/env.js';
import { MANUAL_METRIC } from '../../config/metrics.js';
import { upsertManualValue } from '../../db/queries/manual.js';
import { openMigratedDatabase } from '../database.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { parseDateFlag } from '../options.js';

export function registerRecord(program: Command, io: CliIo): void {
  program
    .command('record')
    .description('record a value of a manual metric (ARR, NPS, downloads, …) for a day')
    .argument('<metric>', 'manual.<name>, e.g. manual.arr')
    .argument('<value>', 'a number, e.g. 250000')
    .option(
      '--at <date>',
      'the day the value is for (YYYY-MM-DD; default today, UTC)',
      parseDateFlag,
    )
    .action(async (metric: string, value: string, options: { at?: string }) => {
      if (!MANUAL_METRIC.test(metric)) {
        throw new UsageError(
          `"${metric}" is not a manual metric; name it manual.<name> in lower case, e.g. manual.arr (collected metrics cannot be recorded by hand).`,
        );
      }
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new UsageError(
          `"${value}" is not a number; write the value plainly, e.g. 250000 or 4.5.`,
        );
      }
      const now = new Date().toISOString();
      const at = options.at ?? now.slice(0, 10);
      const env = loadEnvironment({ cwd: io.cwd, env: io.env });
      const { database } = await openMigratedDatabase(env.database);
      try {
        await upsertManualValue(database.db, {
          metric,
          at,
          value: number,
          recorded_at: now,
          source: 'cli',
        });
      } finally {
        await database.close();
      }
      io.stderr(`Recorded ${metric} = ${number} for ${at}.`);
    });
}
