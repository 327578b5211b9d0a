import { expect, test } from 'vitest';
import {
  releaseMarkers,
  releaseRank,
  releasesText,
  showsReleases,
  thinMarkers,
  type Marker,
  type Release,
} from '../../../../web/src/lib/releases.js';

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

test.each([
  ['v2.0.0', 0],
  ['core v1.0', 0],
  ['v0.12.0', 1],
  ['0.13.0', 1],
  ['v2.3.0', 1],
  ['plugins v0.12.1', 2],
  ['release-2024-05', 2],
  ['nightly', 2],
  ['v0.7.0-rc.1', 3],
  ['docs v1.0.0-beta', 3],
  ['v1.2.0+build.5', 1],
])('the release %s ranks %i (major, minor, patch, pre-release)', (tag, rank) => {
  expect(releaseRank(tag)).toBe(rank);
});

// A week is 4 px wide (a year of weeks on a phone's 210 px); lines at least 24 px apart.
const x = (index: number) => index * 4;
const marker = (index: number, ...tags: string[]): Marker => ({ index, tags });

test('on a narrow chart, minor releases are drawn first, then patches where there is room', () => {
  const markers = [
    marker(0, 'v1.0.1'),
    marker(2, 'v1.1.0'),
    marker(4, 'v1.1.1'),
    marker(9, 'v1.1.2'),
    marker(10, 'v1.2.0-rc.1'),
    marker(11, 'v1.2.0'),
    marker(20, 'v1.2.1', 'v2.0.0'),
  ];
  expect(thinMarkers(markers, x, 24)).toEqual([
    marker(2, 'v1.1.0'),
    marker(11, 'v1.2.0'),
    marker(20, 'v1.2.1', 'v2.0.0'),
  ]);
  // Wide enough, every release has its line.
  expect(thinMarkers(markers, (i) => i * 30, 24)).toEqual(markers);
  expect(thinMarkers([], x, 24)).toEqual([]);
});

test('among equals the newest release is drawn, its older neighbour folded into the tooltip', () => {
  expect(thinMarkers([marker(3, 'v0.1.1'), marker(5, 'v0.1.2')], x, 24)).toEqual([
    marker(5, 'v0.1.2'),
  ]);
});

test('the note says how many releases are drawn when not all of them are', () => {
  const all = [marker(0, 'v0.1.0'), marker(1, 'v0.1.1', 'v0.1.2'), marker(9, 'v0.2.0')];
  expect(releasesText(all, all, 'week')).toBe(
    '4 releases in this range, the latest v0.2.0. Point at one for its tag.',
  );
  expect(releasesText(all, [all[0]!, all[2]!], 'week')).toBe(
    '2 of the 4 releases in this range (major and minor ones first, as many as fit), the latest ' +
      "v0.2.0. Point at the chart for each week's tags.",
  );
});
