/** Latency and throughput under load from this (separate) process, with autocannon. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface LoadResult {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

export async function startServer(
  script: string,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL(script, import.meta.url)), ...args],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (c: Buffer) => resolve(c.toString().trim()));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { url, child };
}

export async function load(url: string, seconds = 8): Promise<LoadResult> {
  const result = await autocannon({ url, connections: 10, duration: seconds });
  return {
    p50: result.latency.p50,
    p95: result.latency.p97_5 ?? result.latency.p99, // autocannon reports p97.5, not p95: the stricter figure
    p99: result.latency.p99,
    rps: result.requests.average,
  };
}

/** CPU time (user + system) a process has used so far, in µs, from /proc (Linux). */
export function processCpuMicros(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/**
 * The server process's CPU per request under `amount` requests from autocannon (10 connections):
 * its own utime + stime before and after, so load from other processes on the machine slows it but
 * does not count. Warms up first (JIT, the ready bytes' first serialization). Also the requests per
 * second of that run.
 */
export async function cpuPerRequest(
  url: string,
  pid: number,
  amount = 20_000,
): Promise<{ micros: number; rps: number }> {
  await autocannon({ url, connections: 10, amount: 2_000 });
  const before = processCpuMicros(pid);
  const result = await autocannon({ url, connections: 10, amount });
  const after = processCpuMicros(pid);
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx statuses`);
  return { micros: (after - before) / amount, rps: result.requests.average };
}
