import { describe, expect, test } from 'vitest';
import {
  releaseDownloadSeries,
  releaseMarkers,
  type AssetCountRow,
} from '../../../../server/kpi/releases.js';

const read = (day: string, counts: Record<string, number>, repo = 'r1'): AssetCountRow[] =>
  Object.entries(counts).map(([asset_id, downloads]) => ({
    repo_id: repo,
    asset_id,
    day,
    downloads,
  }));

const values = (
  rows: AssetCountRow[],
  today: string,
  scope = 'r1',
  first = new Map<string, string>(),
) =>
  releaseDownloadSeries(rows, today, first)
    .find((s) => s.scope === scope)!
    .points.map((p) => p.v);

describe('releaseDownloadSeries', () => {
  test('no reads: no series', () => {
    expect(releaseDownloadSeries([], '2026-03-01')).toEqual([]);
  });

  test('the first read is a baseline: no value that day', () => {
    expect(values(read('2026-03-01', { a: 500 }), '2026-03-01')).toEqual([null]);
  });

  test('daily reads: differences of each asset', () => {
    const rows = [
      ...read('2026-03-01', { a: 500, b: 20 }),
      ...read('2026-03-02', { a: 530, b: 21 }),
      ...read('2026-03-03', { a: 530, b: 25 }),
    ];
    expect(values(rows, '2026-03-03')).toEqual([null, 31, 4]);
  });

  test('a deleted asset adds nothing (never negative); a new asset counts in full', () => {
    const rows = [
      ...read('2026-03-01', { a: 500, b: 400 }),
      ...read('2026-03-02', { a: 510 }), // b deleted
      ...read('2026-03-03', { a: 512, c: 7 }), // c uploaded since
    ];
    expect(values(rows, '2026-03-03')).toEqual([null, 10, 9]);
  });

  test('a count that went down adds 0', () => {
    const rows = [...read('2026-03-01', { a: 50 }), ...read('2026-03-02', { a: 40 })];
    expect(values(rows, '2026-03-02')).toEqual([null, 0]);
  });

  test('reads days apart: spread evenly, remainder on the latest days, total exact', () => {
    const rows = [...read('2026-02-27', { a: 100 }), ...read('2026-03-02', { a: 111 })];
    // 2026 is no leap year: 02-28, 03-01, 03-02 share 11.
    expect(values(rows, '2026-03-03')).toEqual([null, 3, 4, 4, null]);
  });

  test('a repository read before it had assets: the first assets are new downloads', () => {
    const rows = read('2026-03-05', { a: 12 });
    const first = new Map([['r1', '2026-03-01']]);
    expect(values(rows, '2026-03-05', 'r1', first)).toEqual([null, null, null, null, 12]);
  });

  test('all sums the repositories per day, from the earliest first read', () => {
    const rows = [
      ...read('2026-03-01', { a: 1 }),
      ...read('2026-03-02', { a: 4 }),
      ...read('2026-03-02', { x: 10 }, 'r2'),
      ...read('2026-03-03', { x: 15 }, 'r2'),
      ...read('2026-03-03', { a: 5 }),
    ];
    expect(values(rows, '2026-03-03', 'all')).toEqual([null, 3, 6]);
  });
});

describe('releaseMarkers', () => {
  const releases = [
    { repo: 'o/b', tag: 'v2', published_at: '2026-03-02T23:30:00Z' },
    { repo: 'o/a', tag: 'v1', published_at: '2026-03-01T10:00:00Z' },
    { repo: 'o/a', tag: 'draft', published_at: null },
    { repo: 'o/a', tag: 'v0', published_at: '2026-01-01T10:00:00Z' },
  ];

  test('published ones in range, oldest first, on the project day', () => {
    expect(releaseMarkers(releases, 'UTC', '2026-02-01', '2026-03-31')).toEqual([
      { repo: 'o/a', tag: 'v1', day: '2026-03-01' },
      { repo: 'o/b', tag: 'v2', day: '2026-03-02' },
    ]);
    // 23:30 UTC is the next morning in Berlin.
    expect(releaseMarkers(releases, 'Europe/Berlin', '2026-03-03', '2026-03-03')).toEqual([
      { repo: 'o/b', tag: 'v2', day: '2026-03-03' },
    ]);
  });
});
