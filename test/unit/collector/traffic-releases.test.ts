import { describe, expect, test } from 'vitest';
import { toReleaseRows, type ReleaseJson } from '../../../collector/github/releases.js';
import { toReferrerRows, toTrafficRows } from '../../../collector/github/traffic.js';

const READ_AT = '2026-03-14T10:00:00.000Z';

describe('toTrafficRows', () => {
  test('listed days are stored; the window’s days GitHub left out are quiet (0)', () => {
    const payload = {
      count: 9,
      uniques: 4,
      views: [
        { timestamp: '2026-02-28T00:00:00Z', count: 1, uniques: 1 }, // 14 days back: outside the 14
        { timestamp: '2026-03-10T00:00:00Z', count: 5, uniques: 2 },
        { timestamp: '2026-03-14T00:00:00Z', count: 3, uniques: 1 },
      ],
    };
    const { listed, quiet } = toTrafficRows('r1', 'views', payload, READ_AT);
    expect(listed.map((r) => [r.day, r.count, r.uniques])).toEqual([
      ['2026-02-28', 1, 1],
      ['2026-03-10', 5, 2],
      ['2026-03-14', 3, 1],
    ]);
    expect(listed.every((r) => r.kind === 'views' && r.read_at === READ_AT)).toBe(true);
    expect(quiet.map((r) => r.day)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
      '2026-03-09',
      '2026-03-11',
      '2026-03-12',
      '2026-03-13',
    ]);
    expect(quiet.every((r) => r.count === 0 && r.uniques === 0)).toBe(true);
  });

  test('clones read the clones list; a 304 (null) makes only quiet candidates', () => {
    const clones = {
      count: 2,
      uniques: 1,
      clones: [{ timestamp: '2026-03-13T00:00:00Z', count: 2, uniques: 1 }],
    };
    expect(toTrafficRows('r1', 'clones', clones, READ_AT).listed).toHaveLength(1);
    const unchanged = toTrafficRows('r1', 'clones', null, READ_AT);
    expect(unchanged.listed).toEqual([]);
    expect(unchanged.quiet).toHaveLength(14);
  });

  test('referrers keep GitHub’s numbers for the day read', () => {
    expect(
      toReferrerRows('r1', '2026-03-14', [{ referrer: 'Google', count: 4, uniques: 3 }]),
    ).toEqual([{ repo_id: 'r1', day: '2026-03-14', referrer: 'Google', count: 4, uniques: 3 }]);
  });
});

describe('toReleaseRows', () => {
  const release = (overrides: Partial<ReleaseJson>): ReleaseJson => ({
    id: 11,
    tag_name: 'v1.0.0',
    name: 'One',
    draft: false,
    prerelease: false,
    published_at: '2026-03-01T12:00:00Z',
    assets: [
      { id: 101, download_count: 40 },
      { id: 102, download_count: 2 },
    ],
    ...overrides,
  });

  test('one count per asset for the day read; a draft has no publication', () => {
    const rows = toReleaseRows(
      'r1',
      [
        release({}),
        release({ id: 12, tag_name: 'v1.1.0', draft: true, published_at: null, assets: [] }),
      ],
      READ_AT,
    );
    expect(rows.releases).toEqual([
      {
        id: '11',
        repo_id: 'r1',
        tag: 'v1.0.0',
        name: 'One',
        published_at: '2026-03-01T12:00:00Z',
        is_prerelease: 0,
      },
      { id: '12', repo_id: 'r1', tag: 'v1.1.0', name: 'One', published_at: null, is_prerelease: 0 },
    ]);
    expect(rows.counts).toEqual([
      {
        asset_id: '101',
        day: '2026-03-14',
        repo_id: 'r1',
        release_id: '11',
        downloads: 40,
        read_at: READ_AT,
      },
      {
        asset_id: '102',
        day: '2026-03-14',
        repo_id: 'r1',
        release_id: '11',
        downloads: 2,
        read_at: READ_AT,
      },
    ]);
  });
});
