/**
 * A backfill alone, with the collector's memory traced: `node dist/bench/backfill-memory.js [SCALE]`
 * (after `npm run bench` built it; 1× by default, about a minute and a half). The stand-ins and the
 * collector process are those of `npm run bench` (`collection.ts`, `collect-child.ts`); the child
 * runs with `BENCH_TRACE=1`, so its stderr has a line per phase (repository and resource) and every
 * second: RSS, peak, V8's heap by space, external and array buffers, anonymous and file-backed RSS.
 * `CHILD_FLAGS` passes node flags to the child (e.g. `--trace-gc`). Prints
 * `RESULT collectMs=… collectCpuMs=… collectPeakRssMb=…` last.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fullName } from '../demo/github/world.js';
import { serveBenchWorld } from './collection.js';

const scale = Number(process.argv[2] ?? 1);
const { world, guild, githubServer, discordServer } = await serveBenchWorld(scale);
const dir = mkdtempSync(join(tmpdir(), 'pulseboard-backfill-memory-'));
for (const r of world.repos)
  process.stderr.write(
    `${fullName(r)}: ${r.pulls.length} pulls, ${r.issues.length} issues, ${r.commits.length} commits, ${r.stars.length} stars\n`,
  );
const job = {
  db: join(dir, 'bench.db'),
  githubUrl: githubServer.url,
  discordUrl: `${discordServer.url}/api/v10`,
  guildId: guild.guildId,
  repos: world.repos.map(fullName),
  backfill: true,
  refresh: false,
};
const flags = (process.env.CHILD_FLAGS ?? '').split(' ').filter(Boolean);
const child = spawn(
  process.execPath,
  [...flags, fileURLToPath(new URL('./collect-child.js', import.meta.url)), JSON.stringify(job)],
  { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_TRACE: '1' } },
);
let out = '';
child.stdout.on('data', (c: Buffer) => (out += c.toString()));
await new Promise((resolve) => child.on('close', resolve));
await githubServer.close();
await discordServer.close();
rmSync(dir, { recursive: true, force: true });
// --trace-gc writes to stdout too: the summary is the line that is JSON.
const lines = out.split('\n');
for (const line of lines) if (line && !line.startsWith('{')) process.stderr.write(`${line}\n`);
const summary = lines.find((line) => line.startsWith('{'));
if (!summary) throw new Error('the collector printed no summary');
const r = JSON.parse(summary) as {
  collectMs: number;
  collectCpuMs: number;
  collectPeakRssMb: number;
};
process.stderr.write(
  `RESULT collectMs=${r.collectMs.toFixed(0)} collectCpuMs=${r.collectCpuMs.toFixed(0)} collectPeakRssMb=${r.collectPeakRssMb.toFixed(1)}\n`,
);
