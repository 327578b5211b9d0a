/**
 * A manual metric's history imported with `pulseboard record --csv`, end to end: the real binary
 * writes it, `/api/okrs` evaluates it (baseline from the first value, odds from its daily changes).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/connect.js';
import { buildApp } from '../../../server/app.js';
import { addDays, dayRange } from '../../../shared/dates.js';
import type { OkrsResponse } from '../../../server/schemas/okrs.js';
import { runCli } from '../../helpers/cli.js';
import { createTestDatabase, DIALECTS, pulseboardDb } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';

describe.each(DIALECTS)('record --csv history on %s', (dialect) => {
  test('imports a history the key result then reads, baseline first value and odds', async () => {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const first = addDays(today, -59);
    // 60 daily values, 1,000 growing by 10 a day; a header row, a blank line and spaces around cells.
    const rows = dayRange(first, today).map(
      (day, i) => `manual.downloads, ${day}, ${1000 + 10 * i}`,
    );
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-record-'));
    writeFileSync(join(cwd, 'history.csv'), `metric,date,value\n${rows.join('\n')}\n\n`);
    const testDb = await createTestDatabase(dialect);
    try {
      const result = await runCli(['record', '--csv', 'history.csv'], {
        cwd,
        env: { PULSEBOARD_DB: pulseboardDb(testDb.location) },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('Recorded 60 values of 1 metric(s) from history.csv.');

      const database = await openDatabase(testDb.location);
      const app = await buildApp({
        database,
        webRoot: null,
        now: () => now,
        settings: {
          project: 'Test',
          timezone: 'UTC',
          adminToken: null,
          okrs: [
            {
              objective: 'Adoption',
              keyResults: [
                keyResult('downloads', 'manual.downloads', 5000, {
                  start: addDays(today, -120), // before the first value
                  deadline: addDays(today, 100),
                }),
              ],
            },
          ],
        },
      });
      try {
        const body = (await app.inject('/api/okrs')).json() as OkrsResponse;
        const kr = body.objectives[0]!.keyResults[0]!;
        expect(kr).toMatchObject({
          current: 1590,
          baseline: 1000,
          baselineFrom: { source: 'first_value', day: first },
        });
        // +10 every day with no spread: 1,590 + 100 × 10 = 2,590 at the deadline, short of 5,000.
        expect(kr.probability).toBe(0);
        expect(kr.forecast).toBeCloseTo(2590, 6);
      } finally {
        await app.close();
        await database.close();
      }
    } finally {
      await testDb.drop();
    }
  });
});
