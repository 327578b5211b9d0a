/** `--demo` points any command at the demo's data; read-only commands never create an empty database. */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    // record --demo writes to the demo's database, not to ./data/pulseboard.db.
    const recorded = await runCli(
      ['record', 'manual.arr', '123456', '--at', '2026-02-15', '--demo'],
      { cwd },
    );
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(existsSync(join(cwd, 'data', 'pulseboard.db'))).toBe(false);

    const report = await runCli(['report', '--demo', '--format', 'md', '--quarter', '2026Q1'], {
      cwd,
    });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('InfraGenius (demo): KPI report, 2026Q1');
    expect(report.stdout).toContain('Annual recurring revenue');
    expect(report.stdout).toContain('$123,456');

    // No webhook URL set and no digest: in the demo config: a dry run still shows both payloads.
    const digest = await runCli(['digest', '--demo', '--dry-run'], { cwd });
    expect(digest.code, digest.stderr).toBe(0);
    expect(Object.keys(JSON.parse(digest.stdout))).toEqual(['slack', 'discord']);
  }, 90_000);
});
