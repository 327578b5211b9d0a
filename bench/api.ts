/** Latency and throughput under load from this (separate) process, with autocannon. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

/** USER_HZ: 100 on every Linux this runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** Headers Node (or Fastify) writes on any answer by itself: the bare route need not repeat them. */
const TRANSPORT_HEADERS = new Set([
  'connection',
  'content-length',
  'date',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * Writes the answer `url` gives autocannon (which asks for no compression) to `bodyFile`, and its
 * headers (those the route sets: security headers, ETag, cache control, type) to `bodyFile.json`,
 * for `bare-server.ts` to send the very same response.
 */
export async function captureAnswer(url: string, bodyFile: string): Promise<void> {
  const answer = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  writeFileSync(bodyFile, Buffer.from(await answer.arrayBuffer()));
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => {
    if (!TRANSPORT_HEADERS.has(name)) headers[name] = value;
  });
  writeFileSync(`${bodyFile}.json`, JSON.stringify(headers));
}

export interface CpuPerRequest {
  /** Server CPU (user + system) per request, µs. */
  micros: number;
  /** Its user part: the JavaScript (and V8) work, where the server's own code shows. */
  userMicros: number;
  /** Requests per second of that run (wall clock; shared with the load generator). */
  rps: number;
}

/**
 * The server process's CPU per request under `seconds` of load from autocannon (10 connections): its
 * own utime and stime before and after, so load from other processes on the machine slows it but
 * does not count. Warms up first (JIT, the ready bytes' first serialization). System time (the
 * socket writes) swings with how the machine schedules the load generator; user time is steadier.
 * Timed by duration: with a request count, autocannon finishes on its next one-second tick, which
 * makes requests per second meaningless.
 */
export async function cpuPerRequest(url: string, pid: number, seconds = 2): Promise<CpuPerRequest> {
  await autocannon({ url, connections: 10, amount: 5_000 });
  const before = processCpu(pid);
  const result = await autocannon({ url, connections: 10, duration: seconds });
  const after = processCpu(pid);
  if (result.non2xx > 0) throw new Error(`${url} answered ${result.non2xx} non-2xx statuses`);
  const requests = result.requests.total;
  return {
    micros: (after.user + after.system - before.user - before.system) / requests,
    userMicros: (after.user - before.user) / requests,
    rps: requests / seconds,
  };
}

/** CPU time a process has used so far, user and system apart, in µs, from /proc (Linux). */
export function processCpu(pid: number): { user: number; system: number } {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const micros = (ticks: string | undefined) => (Number(ticks) * 1_000_000) / CLOCK_TICKS;
  return { user: micros(fields[11]), system: micros(fields[12]) };
}
