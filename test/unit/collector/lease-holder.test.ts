import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, test } from 'vitest';
import { holderIsDeadHere } from '../../../collector/run.js';

describe('a collection lease holder is dead here when', () => {
  test('its process on this machine has exited', () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid;
    expect(holderIsDeadHere(`${hostname()}:${exited}:x`)).toBe(true);
  });

  test('it has our pid but we do not hold it (a restarted container, pid 1 again)', () => {
    expect(holderIsDeadHere(`${hostname()}:${process.pid}:former-life`)).toBe(true);
  });

  test('not when its process still runs, or it is on another machine, or unreadable', () => {
    expect(holderIsDeadHere(`${hostname()}:${process.ppid}:x`)).toBe(false);
    expect(holderIsDeadHere(`elsewhere-${hostname()}:999999:x`)).toBe(false);
    expect(holderIsDeadHere('garbage')).toBe(false);
  });
});
