import { describe, expect, test } from 'vitest';
import { computeRollups } from '../../../../../server/kpi/metrics/index.js';
import { rawData, valuesOf } from './fixtures.js';

const data = rawData({
  repos: [{ id: 'a' }, { id: 'b' }],
  contributions: [
    { repo_id: 'a', contributor: 'ann', at: '2026-03-01T10:00:00Z' },
    { repo_id: 'a', contributor: 'ann', at: '2026-03-02T10:00:00Z' },
    { repo_id: 'b', contributor: 'bob', at: '2026-03-02T23:30:00Z' },
    { repo_id: 'b', contributor: 'ann', at: '2026-03-04T10:00:00Z' },
  ],
});

describe('contributor metrics', () => {
  const series = computeRollups(data, 'UTC', '2026-03-04');

  test('contributors are counted once, on their first contribution day', () => {
    expect(valuesOf(series, 'github.contributors')).toEqual({
      '2026-03-01': 1,
      '2026-03-02': 2,
      '2026-03-03': 2,
      '2026-03-04': 2,
    });
    expect(valuesOf(series, 'github.contributors.new')).toEqual({
      '2026-03-01': 1,
      '2026-03-02': 1,
      '2026-03-03': 0,
      '2026-03-04': 0,
    });
  });

  test('contributions count every unit of work, per day', () => {
    expect(valuesOf(series, 'github.contributions')).toEqual({
      '2026-03-01': 1,
      '2026-03-02': 2,
      '2026-03-03': 0,
      '2026-03-04': 1,
    });
    expect(valuesOf(series, 'github.contributions', 'b')).toEqual({
      '2026-03-02': 1,
      '2026-03-03': 0,
      '2026-03-04': 1,
    });
  });

  test('each repository is its own scope: a contributor new to one is not new to all', () => {
    expect(valuesOf(series, 'github.contributors.new', 'b')['2026-03-04']).toBe(1);
    expect(valuesOf(series, 'github.contributors.new')['2026-03-04']).toBe(0);
  });

  test('active contributors and bus factor are over trailing windows', () => {
    expect(valuesOf(series, 'github.contributors.active')['2026-03-04']).toBe(2);
    // ann has 3 of the 4 contributions: she alone covers half of the work.
    expect(valuesOf(series, 'github.bus_factor')['2026-03-04']).toBe(1);
  });

  test('the day is the project’s: 23:30 UTC is the next day in Berlin', () => {
    const berlin = computeRollups(data, 'Europe/Berlin', '2026-03-04');
    expect(valuesOf(berlin, 'github.contributions', 'b')).toEqual({
      '2026-03-03': 1,
      '2026-03-04': 1,
    });
  });

  test('no contributions, no series', () => {
    const empty = computeRollups(rawData({ repos: [{ id: 'a' }] }), 'UTC', '2026-03-04');
    expect(empty.filter((s) => s.metric.startsWith('github.contributor'))).toEqual([]);
  });
});
