/**
 * `npm run bench -- --demo`: the budgets a visitor of the demo feels, in minutes rather than the
 * full bench's hour: `pulseboard demo` is started as a user would, then the overview's phone
 * vitals are read `RUNS` times in fresh contexts (the median is the figure). Then, the demo
 * stopped, `/api/okrs` on its database is loaded against a bare Fastify route that returns the
 * very same response (bytes and headers), the two alternated in rounds (the order swapped every
 * round, after a warm-up of each) so that a busy machine slows both alike; the figure is the median
 * of the rounds' ratios, which one disturbed round does not move.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { captureAnswer, load, startServer } from './api.js';
import { launchChromium } from './browser.js';
import { measureOverviewVitals } from './spa.js';

const RUNS = 9;
const ROUNDS = 5;

export interface DemoWebResult {
  lcpMs: number[];
  cls: number[];
  okrsRps: number[];
  sameRps: number[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

export async function benchDemoWeb(
  dir: string,
  log: (line: string) => void,
): Promise<DemoWebResult> {
  const cli = fileURLToPath(new URL('../../bin/pulseboard.js', import.meta.url));
  const demo = spawn(process.execPath, [cli, 'demo', '--port', '0'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const result: DemoWebResult = { lcpMs: [], cls: [], okrsRps: [], sameRps: [] };
  try {
    const url = await demoUrl(demo.stderr!);
    log(`Demo at ${url}; phone vitals ×${RUNS}…`);
    const browser = await launchChromium();
    try {
      for (let i = 0; i < RUNS; i++) {
        const vitals = await measureOverviewVitals(browser, `${url}/`);
        result.lcpMs.push(vitals.lcpMs);
        result.cls.push(vitals.cls);
      }
    } finally {
      await browser.close();
    }
  } finally {
    demo.kill('SIGINT');
    await new Promise((resolve) => demo.once('exit', resolve));
  }
  // The API alone on the demo's database (the demo process also collects, which would skew it).
  log('/api/okrs on the demo data against the same response from a bare route…');
  const api = await startServer('./api-server.js', [join(dir, 'data', 'demo', 'pulseboard.db')]);
  try {
    const body = join(dir, 'okrs.json');
    await captureAnswer(`${api.url}/api/okrs`, body);
    const bare = await startServer('./bare-server.js', [body]);
    try {
      const same = () => load(`${bare.url}/same`, 4);
      const okrs = () => load(`${api.url}/api/okrs`, 4);
      // JIT and the first (computed) answer before any measured round.
      await load(`${bare.url}/same`, 1);
      await load(`${api.url}/api/okrs`, 1);
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          result.sameRps.push((await same()).rps);
          result.okrsRps.push((await okrs()).rps);
        } else {
          result.okrsRps.push((await okrs()).rps);
          result.sameRps.push((await same()).rps);
        }
      }
    } finally {
      bare.child.kill();
    }
  } finally {
    api.child.kill();
  }
  return result;
}

export function summarizeDemoWeb(result: DemoWebResult) {
  return {
    lcpMedianMs: median(result.lcpMs),
    clsMax: Math.max(...result.cls),
    okrsRps: median(result.okrsRps),
    sameRps: median(result.sameRps),
    okrsOverSame: median(result.okrsRps.map((rps, i) => rps / result.sameRps[i]!)),
  };
}

function demoUrl(stderr: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error('the demo did not start within 5 minutes')),
      300_000,
    );
    stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /demo is serving (http:\/\/\S+) /.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
}
