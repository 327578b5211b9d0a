import { expect, test } from 'vitest';
import { computeRollups, findMetric } from '../../../../../server/kpi/metrics/index.js';
import { rawData, valuesOf } from './fixtures.js';

const day = (source: 'npm' | 'pypi', pkg: string, d: string, downloads: number) => ({
  source,
  package: pkg,
  day: d,
  downloads,
});

test('npm.downloads and pypi.downloads: per package and in all, null where nothing was counted', () => {
  const series = computeRollups(
    rawData({
      packageDownloads: [
        day('npm', 'a', '2026-03-01', 5),
        day('npm', 'a', '2026-03-02', 6),
        day('npm', '@s/b', '2026-03-02', 1),
        day('pypi', 'c', '2026-03-01', 9),
        day('pypi', 'c', '2026-03-03', 4),
      ],
    }),
    'UTC',
    '2026-03-03',
  );
  expect(valuesOf(series, 'npm.downloads')).toEqual({
    '2026-03-01': 5,
    '2026-03-02': 7,
    '2026-03-03': null,
  });
  expect(valuesOf(series, 'npm.downloads', '@s/b')).toEqual({
    '2026-03-01': null,
    '2026-03-02': 1,
    '2026-03-03': null,
  });
  expect(valuesOf(series, 'pypi.downloads', 'c')).toEqual({
    '2026-03-01': 9,
    '2026-03-02': 0,
    '2026-03-03': 4,
  });
  expect(series.filter((s) => s.metric === 'npm.downloads').map((s) => s.scope)).toEqual([
    'all',
    '@s/b',
    'a',
  ]);
});

test('docker.pulls: the rise between days’ last pull counts; nothing from one snapshot', () => {
  const pulls = (d: string, pull_count: number) => ({
    repository: 'acme/server',
    day: d,
    pull_count,
  });
  const series = computeRollups(
    rawData({ dockerPulls: [pulls('2026-03-01', 100), pulls('2026-03-02', 160)] }),
    'UTC',
    '2026-03-02',
  );
  expect(valuesOf(series, 'docker.pulls')).toEqual({ '2026-03-01': null, '2026-03-02': 60 });
  expect(
    computeRollups(rawData({ dockerPulls: [pulls('2026-03-01', 100)] }), 'UTC', '2026-03-01'),
  ).toEqual([]);
});

test('the three are per-period counts in the downloads area, with no data no series', () => {
  for (const id of ['npm.downloads', 'pypi.downloads', 'docker.pulls'])
    expect(findMetric(id)).toMatchObject({ kind: 'per_period', unit: 'count', area: 'downloads' });
  expect(computeRollups(rawData(), 'UTC', '2026-03-01')).toEqual([]);
});
