import { expect, test } from 'vitest';
import { scaleFor } from '../../../../shared/format.js';
import { releasesText, type Release } from '../../../../web/src/lib/releases.js';
import { buildSeriesChart, hasValues } from '../../../../web/src/lib/series-chart.js';

test.each([
  ['no points', [], false],
  ['only gaps', [{ t: '2026-11-23', v: null }], false],
  ['a zero', [{ t: '2026-11-23', v: 0 }], true],
  [
    'a value after a gap',
    [
      { t: '2026-11-22', v: null },
      { t: '2026-11-23', v: 7 },
    ],
    true,
  ],
])('a series with %s: values to table and download, %s', (_, points, expected) => {
  expect(hasValues(points)).toBe(expected);
});

const release = (repo: string, tag: string, day: string): Release => ({ repo, tag, day });
const weeks = ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23'];

test('the tooltip title of a release’s period names its tags; the note counts them', () => {
  const chart = buildSeriesChart({
    label: 'Stars',
    points: weeks.map((t, i) => ({ t, v: i * 10 })),
    interval: 'week',
    bars: false,
    today: '2026-12-31',
    scale: scaleFor('count', []),
    labels: weeks,
    previous: null,
    previousLabel: 'Previous period',
    repos: null,
    releases: [release('o/core', 'v2.0.0', '2026-11-18')],
    colors: { main: 'blue', faint: 'grey', palette: ['red'] },
  });
  expect(chart.markers).toEqual([{ index: 2, tags: ['v2.0.0'] }]);
  expect(chart.titles[2]).toMatch(/ · released v2\.0\.0$/);
  expect(chart.titles[1]).not.toContain('released');
  expect(releasesText(chart.markers)).toBe(
    '1 release in this range, the latest v2.0.0. Point at one for its tag.',
  );
});

test('counts per week from a Wednesday: the first week is drawn lighter and says where it starts', () => {
  const input = {
    label: 'PRs merged',
    points: weeks.map((t) => ({ t, v: 10 })),
    interval: 'week' as const,
    bars: true,
    today: '2026-12-31',
    from: '2026-11-04',
    scale: scaleFor('count', []),
    labels: weeks,
    previous: null,
    previousLabel: 'Previous period',
    repos: null,
    releases: [],
    colors: { main: 'blue', faint: 'grey', palette: ['red'] },
  };
  const chart = buildSeriesChart(input);
  expect(chart.partial).toBe(0);
  expect(chart.datasets[0]!.backgroundColor).toEqual(['grey', 'blue', 'blue', 'blue']);
  expect(chart.titles[0]).toBe('Week of Nov 2, 2026 (from Nov 4, 2026 only)');
  // From a Monday the first week is whole; a level (a line) is read at the period's end, whole too.
  expect(buildSeriesChart({ ...input, from: '2026-11-02' }).partial).toBe(-1);
  expect(buildSeriesChart({ ...input, bars: false }).partial).toBe(-1);
});
