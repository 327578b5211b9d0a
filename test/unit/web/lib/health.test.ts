import { expect, test } from 'vitest';
import type { HealthResponse } from '../../../../server/schemas/health.js';
import { collected, sourceStates, versionStamp } from '../../../../web/src/lib/health.js';
import { runningIndex, singleValue } from '../../../../web/src/lib/series-chart.js';

const run = (finishedAt: string, ok = true) => ({
  source: 'github' as const,
  finishedAt,
  ok,
  error: ok ? null : 'GitHub answered 502',
});
const health = (github: ReturnType<typeof run> | null, discord = null): HealthResponse => ({
  status: 'ok',
  db: { status: 'ok', dialect: 'sqlite' },
  lastRun: github,
  sources: { github, discord, packages: null },
  failing: [],
  needsAction: [],
  warnings: [],
});

test('the version stamp moves when a pass finishes, and only then', () => {
  const before = versionStamp(health(run('2026-11-23T10:00:00Z')));
  expect(versionStamp(health(run('2026-11-23T10:00:00Z')))).toBe(before);
  expect(versionStamp(health(run('2026-11-23T11:00:00Z')))).not.toBe(before);
  expect(versionStamp(null)).toBe('');
});

test('source states read every source, and fields a newer server adds do not break them', () => {
  const newer = {
    ...health(run('2026-11-23T10:00:00Z', false)),
    status: 'degraded',
    sources: { github: run('2026-11-23T10:00:00Z', false), discord: null, npm: { weird: 1 } },
  } as unknown as HealthResponse;
  expect(sourceStates(newer)).toEqual([
    {
      source: 'github',
      finishedAt: '2026-11-23T10:00:00Z',
      ok: false,
      error: 'GitHub answered 502',
    },
    { source: 'discord', finishedAt: null, ok: null, error: null },
    { source: 'npm', finishedAt: null, ok: null, error: null },
  ]);
  expect(sourceStates({} as HealthResponse)).toEqual([]);
});

test('the running period is the last one when today falls in it', () => {
  const points = [
    { t: '2026-11-09', v: 3 },
    { t: '2026-11-16', v: 4 },
  ];
  expect(runningIndex(points, 'week', '2026-11-20')).toBe(1);
  expect(runningIndex(points, 'week', '2026-11-23')).toBe(-1);
  expect(runningIndex([], 'week', '2026-11-23')).toBe(-1);
});

test('a series with one value is found, so it can be drawn as a dot', () => {
  expect(
    singleValue([
      { t: '2026-11-22', v: null },
      { t: '2026-11-23', v: 7 },
    ]),
  ).toEqual({
    t: '2026-11-23',
    v: 7,
  });
  expect(
    singleValue([
      { t: '2026-11-22', v: 1 },
      { t: '2026-11-23', v: 7 },
    ]),
  ).toBeNull();
});

test('a metric counts as collected once its own source has a finished, successful pass', () => {
  expect(collected(health(run('2026-11-24T01:00:00Z')), 'github.stars')).toBe(true);
  expect(collected(health(run('2026-11-24T01:00:00Z', false)), 'github.stars')).toBe(false);
  // Docker Hub pulls come from the packages source, which has not run here.
  expect(collected(health(run('2026-11-24T01:00:00Z')), 'docker.pulls')).toBe(false);
  expect(collected(null, 'github.stars')).toBe(false);
});
