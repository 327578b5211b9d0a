/**
 * Server CPU per request of `/api/okrs` against a bare Fastify route sending the same bytes, each
 * server in its own process, read from /proc (utime + stime) around 20k autocannon requests:
 * robust to other load on the machine, unlike requests per second. Alternated in rounds.
 * `node dist/bench/cpu-per-request.js DB [ROUNDS]` (DB: a Pulseboard SQLite database, e.g. the
 * demo's `data/demo/pulseboard.db`; built by `npm run bench`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuPerRequest, startServer } from './api.js';

const database = process.argv[2];
if (!database) throw new Error('Name the SQLite database: node dist/bench/cpu-per-request.js DB');
const rounds = Number(process.argv[3] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'pulseboard-cpu-'));
const api = await startServer('./api-server.js', [database]);
const body = join(dir, 'okrs.json');
const answer = await fetch(`${api.url}/api/okrs`, { headers: { 'accept-encoding': 'identity' } });
writeFileSync(body, Buffer.from(await answer.arrayBuffer()));
const bare = await startServer('./bare-server.js', [body]);
try {
  const okrs: number[] = [];
  const same: number[] = [];
  const okrsRps: number[] = [];
  const sameRps: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const bareRun = await cpuPerRequest(`${bare.url}/same`, bare.child.pid!);
    const apiRun = await cpuPerRequest(`${api.url}/api/okrs`, api.child.pid!);
    same.push(bareRun.micros);
    okrs.push(apiRun.micros);
    sameRps.push(bareRun.rps);
    okrsRps.push(apiRun.rps);
    console.log(
      `round ${round + 1}: /api/okrs ${apiRun.micros.toFixed(1)} µs (${Math.round(apiRun.rps)} req/s), same bytes ${bareRun.micros.toFixed(1)} µs (${Math.round(bareRun.rps)} req/s)`,
    );
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
  console.log(
    `median CPU per request: /api/okrs ${median(okrs).toFixed(1)} µs, bare same bytes ${median(same).toFixed(1)} µs (CPU ratio ${(median(same) / median(okrs)).toFixed(2)}×); throughput ratio ${(sum(okrsRps) / sum(sameRps)).toFixed(2)}×`,
  );
} finally {
  api.child.kill();
  bare.child.kill();
  rmSync(dir, { recursive: true, force: true });
}
