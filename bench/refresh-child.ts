/**
 * One rollup refresh in its own process, in the time zone named on the command line; `full` as a
 * third argument rebuilds everything instead of refreshing what changed. Prints
 * `{ms, cpuMs, peakRssMb, rows}` (`cpuMs`: the refresh's CPU time, steadier than `ms` on a busy
 * machine).
 *
 * Two ways an hourly refresh runs, measured apart: by default a fresh process, as a `pulseboard
 * collect` from cron is (no compiled code, no warm caches); with `--warm N`, the process first
 * refreshes N copies of DB (the same work each time, untimed; V8 has optimized the refresh's code
 * after about five at 10×), then times the refresh of DB. With `--hourly N --scale S`, DB is a
 * history without new items (`refresh-scale.js`'s `base.db` at S×) and the process does what a
 * long-running `pulseboard start` does hour after hour, on that one database and connection: N
 * passes, each writing 1% of the 1× sizes new (`writeChange`) and refreshing, untimed, then one more
 * pass whose refresh is timed.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connect.js';
import { refreshDailyMetrics } from '../server/metrics/refresh.js';
import { scaled } from './collection.js';
import { scaleHistory } from './scale-history.js';
import { copyDatabase, removeDatabase } from './time-zone.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    warm: { type: 'string', default: '0' },
    hourly: { type: 'string', default: '0' },
    scale: { type: 'string', default: '1' },
  },
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
/**
 * `path`'s pages written to the disk: on their way there they would slow the timed refresh's
 * writes. An fsync of its files, not a `sync` in a child process: the refresh after a child
 * process took 55–75 ms more CPU at 10× than without (three pairs of runs; most likely copy on
 * write, a process that has just forked faulting at its first write to each page of its heap).
 */
function flushToDisk(): void {
  for (const file of [path, `${path}-wal`]) {
    if (!existsSync(file)) continue;
    const fd = openSync(file, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
}

if (Number(values.warm) > 0) flushToDisk();
const database = await openDatabase({ kind: 'sqlite', path });
const hours = Number(values.hourly);
if (hours > 0) {
  // Each hour's items differ (a stream of its own), all within the day before now.
  const hourly = (hour: number) => scaleHistory(Number(values.scale), Date.now(), 1000 + hour);
  for (let hour = 0; hour < hours; hour++) {
    await hourly(hour).writeChange(database.db, scaled(1));
    await refreshDailyMetrics(database.db, timeZone, new Date(), { full });
  }
  await hourly(hours).writeChange(database.db, scaled(1));
  flushToDisk();
}
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
