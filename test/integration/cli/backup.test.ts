import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('pulseboard backup', () => {
  test('writes a consistent copy of the SQLite database, and refuses to overwrite one', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-backup-'));
    const rows = Array.from(
      { length: 300 },
      (_, i) =>
        `manual.visits,${new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10)},${i}`,
    );
    writeFileSync(join(cwd, 'visits.csv'), `${rows.join('\n')}\n`);
    expect((await runCli(['record', '--csv', 'visits.csv'], { cwd })).code).toBe(0);

    // Back up while another process writes to the same file (WAL lets both go on).
    const [writer, backup] = await Promise.all([
      runCli(['record', 'manual.nps', '40', '--at', '2026-01-01'], { cwd }),
      runCli(['backup', 'copy.db'], { cwd }),
    ]);
    expect(writer.code, writer.stderr).toBe(0);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/Backed up .* to .*copy\.db \(\d+ pages\)\./);

    const copy = new SQLite(join(cwd, 'copy.db'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const visits = copy
        .prepare("select count(*) as n from manual_value where metric = 'manual.visits'")
        .get() as { n: number };
      expect(visits.n).toBe(300);
    } finally {
      copy.close();
    }

    const again = await runCli(['backup', 'copy.db'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists; choose a new file name');
  });

  test('on PostgreSQL it points to pg_dump', async () => {
    const result = await runCli(['backup', 'x.db'], {
      cwd: tmpdir(),
      env: { PULSEBOARD_DB: 'postgres://postgres@127.0.0.1:5432/nothing' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pg_dump');
  });
});
