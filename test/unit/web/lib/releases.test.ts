import { expect, test } from 'vitest';
import { releaseMarkers, showsReleases, type Release } from '../../../../web/src/lib/releases.js';

const release = (repo: string, tag: string, day: string): Release => ({ repo, tag, day });
const weeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

test('a release marks the week that holds its day; two in one week share one marker', () => {
  const markers = releaseMarkers(
    [
      release('o/core', 'v1.0.0', '2026-11-03'),
      release('o/docs', 'v0.9.1', '2026-11-12'),
      release('o/core', 'v1.0.1', '2026-11-15'),
    ],
    weeks,
    'week',
  );
  expect(markers).toEqual([
    { index: 0, tags: ['core v1.0.0'] },
    { index: 1, tags: ['docs v0.9.1', 'core v1.0.1'] },
  ]);
});

test('one repository’s tags stand alone; days outside the axis are left out', () => {
  const releases = [
    release('o/core', 'v0.1', '2026-10-30'),
    release('o/core', 'v0.2', '2026-11-30'),
    release('o/core', 'v0.3', '2026-11-24'),
  ];
  expect(releaseMarkers(releases, weeks, 'week')).toEqual([{ index: 3, tags: ['v0.3'] }]);
  expect(releaseMarkers(releases, ['2026-11-23', '2026-11-24'], 'day')).toEqual([
    { index: 1, tags: ['v0.3'] },
  ]);
  expect(releaseMarkers(releases, ['2026-10-01', '2026-11-01'], 'month')).toEqual([
    { index: 0, tags: ['v0.1'] },
    { index: 1, tags: ['v0.2', 'v0.3'] },
  ]);
});

test.each([
  ['github.stars', true],
  ['github.releases.downloads', true],
  ['npm.downloads', true],
  ['pypi.downloads', true],
  ['docker.pulls', true],
  ['discord.members', false],
  ['discord.messages', false],
  ['manual.arr', false],
])('releases on the chart of %s: %s', (id, expected) => {
  expect(showsReleases(id)).toBe(expected);
});
