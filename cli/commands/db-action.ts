import { parseDatabase } from '../../config/env.js';
import { openDatabase } from '../../db/connect.js';
import { copyDatabase, CopyError } from '../../db/copy.js';
import { CliFailure } from '../errors.js';
import type { CliIo } from '../io.js';

/** `pulseboard db copy`. */
export default async function dbCopyAction(
  io: CliIo,
  options: { from: string; to: string },
): Promise<void> {
  const source = await openDatabase(parseDatabase(options.from, io.cwd));
  try {
    const target = await openDatabase(parseDatabase(options.to, io.cwd));
    try {
      const counts = await copyDatabase(source.db, target.db).catch((error: unknown) => {
        throw error instanceof CopyError ? new CliFailure(error.message) : error;
      });
      for (const [table, n] of Object.entries(counts)) io.stdout(`${table.padEnd(18)} ${n}`);
      io.stderr(
        `Copied ${source.where} to ${target.where}; row counts match. Point PULSEBOARD_DB at the new database.`,
      );
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
