/**
 * The refresh in a non-UTC zone against UTC: a full rebuild of the rollups (`--full`: every stored
 * row read and put on its day in that zone, where a zone's day math costs most), each on its own
 * copy of the bench database and in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./refresh-child.js', import.meta.url));

export interface RefreshTime {
  ms: number;
  /** CPU time: on a shared machine it varies far less than `ms`. */
  cpuMs: number;
  peakRssMb: number;
}

/**
 * One refresh of `db` in a process of its own; `full` rebuilds everything. `warm`: how many
 * refreshes of copies of `db` the process makes first, untimed (see refresh-child.ts: the hourly
 * refresh of a long-running `pulseboard start`).
 */
export function refreshOnce(db: string, timeZone: string, full = false, warm = 0): RefreshTime {
  const args = [CHILD, db, timeZone, ...(full ? ['full'] : []), '--warm', String(warm)];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out) as RefreshTime;
}

/**
 * The refresh after an hourly pass of 1% of the 1× sizes in a process that refreshed `hours` such
 * passes of the same database before (as `pulseboard start` does); `db`, a history at `scale`× with
 * nothing new (`refresh-scale.js`'s `base.db`), is changed.
 */
export function refreshHourly(db: string, scale: number, hours: number): RefreshTime {
  const args = [CHILD, db, 'UTC', '--hourly', String(hours), '--scale', String(scale)];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' })) as RefreshTime;
}

/** A copy of the SQLite database `from` (with its WAL) at `to`. */
export function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${to}-wal`);
}

/** The SQLite database at `path` deleted, with its WAL and shared memory. */
export function removeDatabase(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

export function benchTimeZone(db: string, timeZone: string): RefreshTime {
  const copy = `${db}.${timeZone.replace(/\W/g, '-')}.db`;
  copyDatabase(db, copy);
  return refreshOnce(copy, timeZone, true);
}
