import { describe, expect, test } from 'vitest';
import { computeRollups, findMetric } from '../../../../../server/kpi/metrics/index.js';
import { rawData, valuesOf } from './fixtures.js';

const views = (repo: string, day: string, count: number, uniques: number) => ({
  repo_id: repo,
  kind: 'views' as const,
  day,
  count,
  uniques,
});

describe('traffic and release metrics', () => {
  test('views and unique visitors per repository and all; clones apart', () => {
    const data = rawData({
      trafficDays: [
        views('a', '2026-03-01', 10, 4),
        views('b', '2026-03-01', 5, 2),
        views('a', '2026-03-02', 7, 3),
        { ...views('a', '2026-03-02', 2, 1), kind: 'clones' },
      ],
    });
    const series = computeRollups(data, 'UTC', '2026-03-02');
    expect(valuesOf(series, 'github.traffic.views')).toEqual({ '2026-03-01': 15, '2026-03-02': 7 });
    expect(valuesOf(series, 'github.traffic.views.uniques', 'a')).toEqual({
      '2026-03-01': 4,
      '2026-03-02': 3,
    });
    expect(valuesOf(series, 'github.traffic.views', 'b')).toEqual({
      '2026-03-01': 5,
      '2026-03-02': null,
    });
    expect(valuesOf(series, 'github.traffic.clones')).toEqual({ '2026-03-02': 2 });
  });

  test('traffic days stay UTC days whatever the project time zone', () => {
    const data = rawData({ trafficDays: [views('a', '2026-03-01', 10, 4)] });
    const series = computeRollups(data, 'Pacific/Auckland', '2026-03-01');
    expect(valuesOf(series, 'github.traffic.views')).toEqual({ '2026-03-01': 10 });
  });

  test('release downloads: differences of cumulative counts, the first read a baseline', () => {
    const read = (day: string, downloads: number, asset = 'x') => ({
      repo_id: 'a',
      asset_id: asset,
      day,
      downloads,
    });
    const data = rawData({
      releaseCounts: [read('2026-03-01', 100), read('2026-03-02', 130), read('2026-03-03', 140)],
      releaseFirstReads: [{ repo_id: 'a', day: '2026-03-01' }],
    });
    const series = computeRollups(data, 'UTC', '2026-03-03');
    expect(valuesOf(series, 'github.releases.downloads')).toEqual({
      '2026-03-01': null,
      '2026-03-02': 30,
      '2026-03-03': 10,
    });
  });

  test.each([
    ['github.traffic.views', 'count', 'growth'],
    ['github.traffic.clones.uniques', 'people', 'growth'],
    ['github.releases.downloads', 'count', 'downloads'],
  ])('%s is a per-period %s metric in %s', (id, unit, area) => {
    expect(findMetric(id)).toMatchObject({ unit, area, kind: 'per_period', source: 'github' });
  });
});
