/**
 * Ctrl-C ends `collect` and `start` within 2 s at any moment of a faulty collection (slow answers,
 * retry-after waits, 5xx bursts), with no error lines; and a first start warns and collects at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createFaultInjector } from '../../../demo/faults.js';
import { createGithubStandIn, type GithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { collect, runCli, startCli, waitForStderr } from '../../helpers/cli.js';

/** What must never show after Ctrl-C: driver errors, stack frames, "failed". */
const ERROR_LINES = /destroyed|^\s+at |Error:|failed/im;

describe('Ctrl-C during a faulty collection', () => {
  let standIn: GithubStandIn;
  let server: RunningServer;
  let env: Record<string, string>;
  let repo: string;

  beforeAll(async () => {
    standIn = createGithubStandIn(
      createWorld({ repos: 2, stars: 3000, pulls: 400, issues: 400, commits: 300, seed: 5 }),
    );
    // Half the requests fail: hung answers, retry-after waits of 30 s, 5xx bursts, resets.
    standIn.faults = createFaultInjector({
      seed: 11,
      rate: 0.5,
      slowMs: 60_000,
      retryAfterSeconds: 30,
    });
    server = await serveHandler((request) => standIn.handle(request));
    env = { GITHUB_API_URL: server.url, GITHUB_TOKEN: 'test-token-not-real' };
    repo = fullName(standIn.world.repos[0]!);
  });
  afterAll(async () => {
    await server?.close();
  });

  const freshProject = async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-stop-'));
    expect((await runCli(['init', '--repo', repo], { cwd })).code).toBe(0);
    return cwd;
  };

  /** Sends SIGINT `delayMs` after `ready` shows; returns how long the process took to end. */
  async function interrupt(args: string[], ready: RegExp, delayMs: number) {
    const cwd = await freshProject();
    const child = startCli(args, { cwd, env: { ...env, PORT: '0' } });
    const done = collect(child);
    await waitForStderr(child, ready, 60_000);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const sent = Date.now();
    child.kill('SIGINT');
    const result = await done;
    // Faults may fail a resource before Ctrl-C (and say so); what follows Ctrl-C must be quiet.
    const afterStop = result.stderr.slice(result.stderr.indexOf('Stopping (SIGINT)'));
    return { ...result, afterStop, ms: Date.now() - sent };
  }

  test.each([100, 1500, 4000])(
    'collect --backfill, Ctrl-C %i ms into the pass: gone within 2 s, no error lines',
    async (delayMs) => {
      const result = await interrupt(['collect', '--backfill'], /Collecting github/, delayMs);
      expect(result.ms, result.stderr).toBeLessThan(2000);
      expect(result.afterStop).not.toMatch(ERROR_LINES);
      expect(result.stderr).toContain('Stopping (SIGINT)');
      expect([0, 1, 130], result.stderr).toContain(result.code);
    },
    40_000,
  );

  test.each([300, 2000])(
    'start collecting at once, Ctrl-C %i ms into the pass: gone within 2 s, no error lines',
    async (delayMs) => {
      const result = await interrupt(['start'], /Collecting once now/, delayMs);
      expect(result.ms, result.stderr).toBeLessThan(2000);
      expect(result.stderr).toContain('Stopping (SIGINT).');
      expect(result.afterStop).not.toMatch(ERROR_LINES);
    },
    40_000,
  );
});

describe('a first start', () => {
  test('without a token and with the placeholder repo: warns in the log and in /api/health, and collects at once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-first-'));
    expect((await runCli(['init'], { cwd })).code).toBe(0);
    const child = startCli(['start'], { cwd, env: { PORT: '0' } });
    const done = collect(child);
    try {
      const [, url] = await waitForStderr(child, /serving (http:\/\/\S+) /);
      // The pass runs now, not at minute :17; without a token it fails at once, and says why.
      await waitForStderr(child, /Scheduled github collection failed: GITHUB_TOKEN is not set/);
      const health = (await (await fetch(`${url}/api/health`)).json()) as {
        warnings: string[];
        lastRun: { source: string; ok: boolean } | null;
      };
      expect(health.warnings).toEqual([
        expect.stringContaining('placeholder your-org/your-repo'),
        expect.stringContaining('GITHUB_TOKEN is not set'),
      ]);
      expect(health.lastRun).toMatchObject({ source: 'github', ok: false });
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    expect(result.stderr).toContain(
      'Warning: github.repos still lists the placeholder your-org/your-repo',
    );
    expect(result.stderr).toContain('Warning: GITHUB_TOKEN is not set');

    const doctor = await runCli(['doctor'], { cwd });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('✗ github.repos: your-org/your-repo is the placeholder');
  }, 60_000);
});
