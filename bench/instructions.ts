/**
 * User-space instructions per request of `/api/okrs` against the bare route sending the same response,
 * counted by valgrind's callgrind: each server runs under it with instrumentation off, takes `WARM`
 * requests (the JIT settles), then the next `COUNT` requests are counted, thread by thread, and
 * nothing else (no start-up, no shutdown). The main thread is what a request waits for; the others
 * are V8's compiler and collector helpers, whose share swings by ±10k a request from run to run.
 * Alternated in rounds, the order swapped every round; medians.
 * `node dist/bench/instructions.js DB [ROUNDS] [WARM] [COUNT]` (3, 5,000, 4,000: ~40 s a server run),
 * with `valgrind` and `callgrind_control` on the PATH; built by `npm run bench`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { captureAnswer, startServer } from './api.js';

const database = process.argv[2];
if (!database) throw new Error('Name the SQLite database: node dist/bench/instructions.js DB');
const rounds = Number(process.argv[3] ?? 3);
const warm = Number(process.argv[4] ?? 5_000);
const count = Number(process.argv[5] ?? 4_000);
const dir = mkdtempSync(join(tmpdir(), 'pulseboard-instructions-'));
/** A SIGINT handler, so that the server exits and callgrind writes its files. */
const EXIT_ON_SIGINT = 'data:text/javascript,process.on("SIGINT",()=>process.exit(0))';

interface Counted {
  /** Instructions per request, main thread. */
  main: number;
  /** Instructions per request, all threads. */
  all: number;
}

async function counted(name: string, script: string, args: string[], path: string) {
  const out = join(dir, name);
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--instr-atstart=no',
      '--separate-threads=yes',
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--import',
      EXIT_ON_SIGINT,
      fileURLToPath(new URL(script, import.meta.url)),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (c: Buffer) => resolve(c.toString().trim()));
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    });
    const load = async (amount: number) => {
      const result = await autocannon({ url: `${url}${path}`, connections: 10, amount });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(
          `${path} answered ${result.non2xx} non-2xx statuses, ${result.errors} errors`,
        );
      return result.requests.total;
    };
    await load(warm);
    execFileSync('callgrind_control', ['--instr=on', String(child.pid)], { stdio: 'ignore' });
    const requests = await load(count);
    execFileSync('callgrind_control', ['--dump', String(child.pid)], { stdio: 'ignore' });
    // One file per thread, the main thread's first: `NAME.1-01`, `NAME.1-02`, …
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(`${name}.1-`))
      .sort();
    const totals = files.map((f) => {
      const match = /^(?:summary|totals): (\d+)/m.exec(readFileSync(join(dir, f), 'utf8'));
      return match ? Number(match[1]) : 0;
    });
    return {
      main: totals[0]! / requests,
      all: totals.reduce((a, b) => a + b, 0) / requests,
    };
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

const api = await startServer('./api-server.js', [database]);
const body = join(dir, 'okrs.json');
try {
  await captureAnswer(`${api.url}/api/okrs`, body);
} finally {
  api.child.kill();
}
try {
  const okrs: Counted[] = [];
  const same: Counted[] = [];
  const runApi = async (round: number) =>
    okrs.push(await counted(`api-${round}`, './api-server.js', [database], '/api/okrs'));
  const runBare = async (round: number) =>
    same.push(await counted(`bare-${round}`, './bare-server.js', [body], '/same'));
  const k = (n: number) => `${(n / 1000).toFixed(1)}k`;
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      await runBare(round);
      await runApi(round);
    } else {
      await runApi(round);
      await runBare(round);
    }
    const [a, b] = [okrs[round]!, same[round]!];
    console.log(
      `round ${round + 1}: /api/okrs ${k(a.main)} main thread (${k(a.all)} all), same response ${k(b.main)} (${k(b.all)})`,
    );
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const of = (runs: Counted[], key: keyof Counted) => median(runs.map((r) => r[key]));
  console.log(
    `median instructions per request: /api/okrs ${k(of(okrs, 'main'))} main thread (${k(of(okrs, 'all'))} all), same response ${k(of(same, 'main'))} (${k(of(same, 'all'))}); same ÷ /api/okrs ${(of(same, 'main') / of(okrs, 'main')).toFixed(2)}× (all threads ${(of(same, 'all') / of(okrs, 'all')).toFixed(2)}×)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
