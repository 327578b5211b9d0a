/**
 * Server CPU per request of `/api/okrs` against a bare Fastify route sending the same response (bytes
 * and headers), each server in its own process, read from /proc (utime and stime) around 2 s of
 * autocannon load: robust to other load on the machine, unlike requests per second. Alternated in
 * rounds, the order swapped every round (so neither always runs first); medians.
 * `node dist/bench/cpu-per-request.js DB [ROUNDS]` (DB: a Pulseboard SQLite database, e.g. the
 * demo's `data/demo/pulseboard.db`; built by `npm run bench`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureAnswer, cpuPerRequest, type CpuPerRequest, startServer } from './api.js';

const database = process.argv[2];
if (!database) throw new Error('Name the SQLite database: node dist/bench/cpu-per-request.js DB');
const rounds = Number(process.argv[3] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'pulseboard-cpu-'));
const api = await startServer('./api-server.js', [database]);
const body = join(dir, 'okrs.json');
await captureAnswer(`${api.url}/api/okrs`, body);
const bare = await startServer('./bare-server.js', [body]);
try {
  const okrs: CpuPerRequest[] = [];
  const same: CpuPerRequest[] = [];
  const runApi = async () => okrs.push(await cpuPerRequest(`${api.url}/api/okrs`, api.child.pid!));
  const runBare = async () => same.push(await cpuPerRequest(`${bare.url}/same`, bare.child.pid!));
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await runBare();
      await runApi();
    } else {
      await runApi();
      await runBare();
    }
    const [a, b] = [okrs[round]!, same[round]!];
    console.log(
      `round ${round + 1}: /api/okrs ${a.micros.toFixed(1)} µs (user ${a.userMicros.toFixed(1)}; ${Math.round(a.rps)} req/s), same response ${b.micros.toFixed(1)} µs (user ${b.userMicros.toFixed(1)}; ${Math.round(b.rps)} req/s)`,
    );
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const of = (runs: CpuPerRequest[], key: keyof CpuPerRequest) => median(runs.map((r) => r[key]));
  const ratio = (key: keyof CpuPerRequest) => of(same, key) / of(okrs, key);
  console.log(
    `median CPU per request: /api/okrs ${of(okrs, 'micros').toFixed(1)} µs (user ${of(okrs, 'userMicros').toFixed(1)}), same response ${of(same, 'micros').toFixed(1)} µs (user ${of(same, 'userMicros').toFixed(1)}); CPU ratio ${ratio('micros').toFixed(2)}× (user ${ratio('userMicros').toFixed(2)}×); median throughput ratio ${median(okrs.map((a, i) => a.rps / same[i]!.rps)).toFixed(2)}×`,
  );
} finally {
  api.child.kill();
  bare.child.kill();
  rmSync(dir, { recursive: true, force: true });
}
