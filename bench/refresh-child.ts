/**
 * One rollup refresh in its own process, in the time zone named on the command line; `full` as a
 * third argument rebuilds everything instead of refreshing what changed. Prints
 * `{ms, cpuMs, peakRssMb, rows}` (`cpuMs`: the refresh's CPU time, steadier than `ms` on a busy
 * machine).
 *
 * Two ways an hourly refresh runs, measured apart: by default a fresh process, as a `pulseboard
 * collect` from cron is (no compiled code, no warm caches); with `--warm N`, the process first
 * refreshes N copies of DB (the same work each time, untimed; V8 has optimized the refresh's code
 * after about five at 10×), then times the refresh of DB, as `pulseboard start` refreshes hour
 * after hour in one long-running process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connect.js';
import { refreshDailyMetrics } from '../server/metrics/refresh.js';
import { copyDatabase, removeDatabase } from './time-zone.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { warm: { type: 'string', default: '0' } },
});
const [path, timeZone, mode] = positionals as [string, string, string | undefined];
const full = mode === 'full';

for (let n = 0; n < Number(values.warm); n++) {
  const copy = `${path}.warm.db`;
  copyDatabase(path, copy);
  const before = await openDatabase({ kind: 'sqlite', path: copy });
  await refreshDailyMetrics(before.db, timeZone, new Date(), { full });
  await before.close();
  removeDatabase(copy);
}
// The copies' pages on their way to the disk would slow the timed refresh's writes.
if (Number(values.warm) > 0) execFileSync('sync');
const database = await openDatabase({ kind: 'sqlite', path });
const started = performance.now();
const cpu = process.cpuUsage();
const rows = await refreshDailyMetrics(database.db, timeZone, new Date(), { full });
const ms = performance.now() - started;
// CPU time too: on a shared machine it varies far less than the wall-clock time.
const { user, system } = process.cpuUsage(cpu);
const cpuMs = (user + system) / 1000;
await database.close();
const peakRssMb =
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRssMb, rows })}\n`);
