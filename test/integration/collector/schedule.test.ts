import { describe, expect, test } from 'vitest';
import { CollectionBusyError, type RunSummary } from '../../../collector/run.js';
import { startSchedule } from '../../../collector/schedule.js';

const summary = (ok: boolean): RunSummary => ({
  id: 'x',
  source: 'github',
  ok,
  rows: 3,
  requests: 2,
  points: 1,
  notes: [],
  blockers: [],
  error: ok ? null : 'GitHub rejected GITHUB_TOKEN (401 Bad credentials)',
});

describe('the collection schedule', () => {
  test('runs on its cron, never overlaps itself, logs failures and tries again next tick', async () => {
    const lines: string[] = [];
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    const schedule = startSchedule({
      collectCron: '* * * * * *', // every second
      timezone: 'Europe/Berlin',
      collect: async () => {
        calls++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than a tick
        running--;
        if (calls === 1) throw new Error('network down');
        return [summary(calls !== 2)];
      },
      log: { info: (m) => lines.push(`info ${m}`), error: (m) => lines.push(`error ${m}`) },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 5200));
    } finally {
      await schedule.stop();
    }
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(maxRunning).toBe(1);
    expect(lines[0]).toBe('error Scheduled collection failed: network down');
    expect(lines[1]).toBe(
      'error Scheduled github collection failed: GitHub rejected GITHUB_TOKEN (401 Bad credentials)',
    );
  });

  test('a pass held by another process is reported as skipped, not failed', async () => {
    const lines: string[] = [];
    const schedule = startSchedule({
      collectCron: '0 0 1 1 *',
      timezone: 'UTC',
      collect: async () => {
        throw new CollectionBusyError(
          'A collection is already running (host pid 1, since 2026-01-01T00:00:00Z); this one was not started.',
        );
      },
      log: { info: (m) => lines.push(`info ${m}`), error: (m) => lines.push(`error ${m}`) },
    });
    await schedule.runCollectNow();
    await schedule.stop();
    expect(lines).toEqual([
      'info Scheduled collection skipped: A collection is already running (host pid 1, since 2026-01-01T00:00:00Z); this one was not started.',
    ]);
  });
});
