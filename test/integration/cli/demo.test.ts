import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { collect, startCli, waitForStderr } from '../../helpers/cli.js';

describe('pulseboard demo', () => {
  test('offline, it backfills through the real collectors and serves within two minutes; health shows every source ok', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-demo-'));
    // A user's own .env must not leak into the demo.
    writeFileSync(
      join(cwd, '.env'),
      'GITHUB_TOKEN=real-token-must-not-be-used\nPULSEBOARD_DB=./mine.db\n',
    );
    const started = Date.now();
    const child = startCli(['demo', '--port', '0'], { cwd });
    const done = collect(child);
    try {
      const [, url] = await waitForStderr(child, /demo is serving (http:\/\/\S+) /, 120_000);
      expect(Date.now() - started).toBeLessThan(120_000);
      const health = (await (await fetch(`${url}/api/health`)).json()) as {
        sources: Record<string, { ok: boolean } | null>;
      };
      expect(health.sources.github?.ok).toBe(true);
      expect(health.sources.discord?.ok).toBe(true);
      expect(health.sources.packages?.ok).toBe(true);
      // Running totals read once a day have the demo's played weeks of daily readings behind them.
      const metrics = (await (await fetch(`${url}/api/metrics`)).json()) as {
        id: string;
        current: number | null;
      }[];
      for (const id of ['docker.pulls', 'github.releases.downloads'])
        expect(metrics.find((m) => m.id === id)?.current, id).toBeGreaterThan(0);
      // The overview arrives rendered, with the summary line a phone paints first.
      const page = await (await fetch(`${url}/`)).text();
      expect(page).toMatch(/data-testid="summary">\d+ of 7 key results achieved or on track/);
      expect(existsSync(join(cwd, 'data', 'demo', 'pulseboard.db'))).toBe(true);
      expect(existsSync(join(cwd, 'mine.db'))).toBe(false);
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('github: ');
    expect(result.stderr).not.toContain('real-token-must-not-be-used');
  }, 150_000);
});
