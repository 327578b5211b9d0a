/** `--demo` points any command at the demo's data; read-only commands never create an empty database. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { renderDemoConfig } from '../../../demo/config.js';
import { runCli } from '../../helpers/cli.js';

describe('the demo’s data from any command', () => {
  test('report and digest --dry-run with --demo; without a database they say so and create none', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-demo-data-'));
    const missing = await runCli(['report', '--demo', '--format', 'md'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('run `npm run demo` first');

    const dir = join(cwd, 'data', 'demo');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'pulseboard.yaml'),
      renderDemoConfig({ repos: ['infragenius/core'], guildId: '912345678901234567', year: 2026 }),
    );
    const env = { PULSEBOARD_DB: join(dir, 'pulseboard.db') };
    expect(
      (await runCli(['migrate', '--config', join(dir, 'pulseboard.yaml')], { cwd, env })).code,
    ).toBe(0);
    expect((await runCli(['record', 'manual.arr', '120000', '--demo'], { cwd })).code).toBe(0);

    const report = await runCli(['report', '--demo', '--format', 'md', '--quarter', '2026Q1'], {
      cwd,
    });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('InfraGenius (demo): KPI report, 2026Q1');
    expect(report.stdout).toContain('Annual recurring revenue');

    // No webhook URL set and no digest: in the demo config: a dry run still shows both payloads.
    const digest = await runCli(['digest', '--demo', '--dry-run'], { cwd });
    expect(digest.code, digest.stderr).toBe(0);
    expect(Object.keys(JSON.parse(digest.stdout))).toEqual(['slack', 'discord']);
  }, 90_000);
});
