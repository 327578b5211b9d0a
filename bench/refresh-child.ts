/**
 * One rollup refresh in its own process (a fresh process, as an hourly `pulseboard collect` is:
 * no warm caches), in the time zone named on the command line; `full` as a third argument
 * rebuilds everything instead of refreshing what changed. Prints `{ms, cpuMs, peakRssMb, rows}`
 * (`cpuMs`: the refresh's CPU time, steadier than `ms` on a busy machine).
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../db/connect.js';
import { refreshDailyMetrics } from '../server/metrics/refresh.js';

const [path, timeZone, mode] = process.argv.slice(2) as [string, string, string | undefined];
const database = await openDatabase({ kind: 'sqlite', path });
const started = performance.now();
const cpu = process.cpuUsage();
const rows = await refreshDailyMetrics(database.db, timeZone, new Date(), {
  full: mode === 'full',
});
const ms = performance.now() - started;
// CPU time too: on a shared machine it varies far less than the wall-clock time.
const { user, system } = process.cpuUsage(cpu);
const cpuMs = (user + system) / 1000;
await database.close();
const peakRssMb =
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRssMb, rows })}\n`);
