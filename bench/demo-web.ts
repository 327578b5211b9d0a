/**
 * `npm run bench -- --demo`: the budgets a visitor of the demo feels, in minutes rather than the
 * full bench's hour: `pulseboard demo` is started as a user would, then the overview's phone
 * vitals are read `RUNS` times in fresh contexts (the median is the figure). Then, the demo
 * stopped, `/api/okrs` on its database is loaded against a bare Fastify route that returns the
 * very same bytes, the two alternated in rounds so that a busy machine slows both alike.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, startServer } from './api.js';
import { launchChromium } from './browser.js';
import { measureOverviewVitals } from './spa.js';

const RUNS = 9;
const ROUNDS = 3;

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
  log('/api/okrs on the demo data against the same bytes from a bare route…');
  const api = await startServer('./api-server.js', [join(dir, 'data', 'demo', 'pulseboard.db')]);
  try {
    const body = join(dir, 'okrs.json');
    const answer = await fetch(`${api.url}/api/okrs`, {
      headers: { 'accept-encoding': 'identity' },
    });
    writeFileSync(body, Buffer.from(await answer.arrayBuffer()));
    const bare = await startServer('./bare-server.js', [body]);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        result.sameRps.push((await load(`${bare.url}/same`, 4)).rps);
        result.okrsRps.push((await load(`${api.url}/api/okrs`, 4)).rps);
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
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    lcpMedianMs: median(result.lcpMs),
    clsMax: Math.max(...result.cls),
    okrsRps: median(result.okrsRps),
    sameRps: median(result.sameRps),
    okrsOverSame: sum(result.okrsRps) / sum(result.sameRps),
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
