/**
 * An online backup of the SQLite file with SQLite's backup API: consistent even while Pulseboard
 * collects and serves (WAL), unlike copying the file. PostgreSQL has pg_dump.
 */
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

export async function backupSqlite(
  source: string,
  destination: string,
): Promise<{ pages: number }> {
  if (existsSync(destination))
    throw new Error(`${destination} already exists; choose a new file name.`);
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(destination);
    return { pages: totalPages };
  } finally {
    db.close();
  }
}
