/**
 * The refresh in a non-UTC zone against UTC: a full rebuild of the rollups (`--full`: every stored
 * row read and put on its day in that zone, where a zone's day math costs most), each on its own
 * copy of the bench database and in a fresh process.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./refresh-child.js', import.meta.url));

export interface RefreshTime {
  ms: number;
  /** CPU time: on a shared machine it varies far less than `ms`. */
  cpuMs: number;
  peakRssMb: number;
}

/** One refresh of `db` in a process of its own; `full` rebuilds everything. */
export function refreshOnce(db: string, timeZone: string, full = false): RefreshTime {
  const args = [CHILD, db, timeZone, ...(full ? ['full'] : [])];
  const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out) as RefreshTime;
}

export function benchTimeZone(db: string, timeZone: string): RefreshTime {
  const copy = `${db}.${timeZone.replace(/\W/g, '-')}.db`;
  copyFileSync(db, copy);
  if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, `${copy}-wal`);
  return refreshOnce(copy, timeZone, true);
}
