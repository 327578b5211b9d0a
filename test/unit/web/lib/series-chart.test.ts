import { expect, test } from 'vitest';
import { scaleFor } from '../../../../shared/format.js';
import { releasesText, type Release } from '../../../../web/src/lib/releases.js';
import {
  buildSeriesChart,
  firstValueDay,
  hasValues,
  type SeriesChartInput,
} from '../../../../web/src/lib/series-chart.js';

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
/** A chart of four weeks, 10 each, read on 2026-12-31, with what a test changes. */
const weekly = (input: Partial<SeriesChartInput>): SeriesChartInput => ({
  label: 'Stars',
  points: weeks.map((t) => ({ t, v: 10 })),
  interval: 'week',
  bars: false,
  today: '2026-12-31',
  scale: scaleFor('count', []),
  labels: weeks,
  previous: null,
  previousLabel: 'Previous period',
  repos: null,
  releases: [],
  colors: { main: 'blue', faint: 'grey', palette: ['red'] },
  ...input,
});

test('the tooltip title of a release’s period names its tags; the note counts them', () => {
  const chart = buildSeriesChart(
    weekly({
      points: weeks.map((t, i) => ({ t, v: i * 10 })),
      releases: [release('o/core', 'v2.0.0', '2026-11-18')],
    }),
  );
  expect(chart.markers).toEqual([{ index: 2, tags: ['v2.0.0'] }]);
  expect(chart.titles[2]).toMatch(/ · released v2\.0\.0$/);
  expect(chart.titles[1]).not.toContain('released');
  expect(releasesText(chart.markers)).toBe(
    '1 release in this range, the latest v2.0.0. Point at one for its tag.',
  );
});

test('counts per week from a Wednesday: the first week is drawn lighter and says where it starts', () => {
  const input = weekly({ label: 'PRs merged', bars: true, from: '2026-11-04' });
  const chart = buildSeriesChart(input);
  expect(chart.partial).toEqual({ index: 0, from: '2026-11-04', where: 'range' });
  expect(chart.datasets[0]!.backgroundColor).toEqual(['grey', 'blue', 'blue', 'blue']);
  expect(chart.titles[0]).toBe('Week of Nov 2, 2026 (from Nov 4, 2026 only)');
  // From a Monday the first week is whole; a level (a line) is read at the period's end, whole too.
  expect(buildSeriesChart({ ...input, from: '2026-11-02' }).partial.index).toBe(-1);
  expect(buildSeriesChart({ ...input, bars: false }).partial.index).toBe(-1);
});

test('counts per week whose data begins on a Thursday: that week is drawn lighter and says so', () => {
  const input = weekly({
    label: 'Docker Hub pulls',
    points: weeks.map((t) => ({ t, v: 700 })),
    bars: true,
    from: '2025-12-01',
    firstDay: '2026-11-05',
  });
  const chart = buildSeriesChart(input);
  expect(chart.partial).toEqual({ index: 0, from: '2026-11-05', where: 'data' });
  expect(chart.datasets[0]!.backgroundColor).toEqual(['grey', 'blue', 'blue', 'blue']);
  expect(chart.titles[0]).toBe('Week of Nov 2, 2026 (from Nov 5, 2026 only)');
  // All time: the data's first day still cuts its week.
  expect(buildSeriesChart({ ...input, from: undefined }).partial.index).toBe(0);
  // The range starting later than the data: the range's first day is the one that cuts.
  expect(buildSeriesChart({ ...input, from: '2026-11-06' }).partial).toEqual({
    index: 0,
    from: '2026-11-06',
    where: 'range',
  });
  // Data from a Monday: every week whole. By month, Nov 5 cuts November.
  expect(buildSeriesChart({ ...input, firstDay: '2026-11-09' }).partial.index).toBe(-1);
  expect(
    buildSeriesChart({
      ...input,
      interval: 'month',
      points: [{ t: '2026-11-01', v: 2800 }],
      labels: ['2026-11-01'],
    }).partial.index,
  ).toBe(0);
  // By day, or a level read at the period's end: nothing is cut.
  expect(buildSeriesChart({ ...input, interval: 'day' }).partial.index).toBe(-1);
  expect(buildSeriesChart({ ...input, bars: false }).partial.index).toBe(-1);
});

const day = (i: number) => `2026-11-${String(i + 1).padStart(2, '0')}`;
test.each([
  // The API starts `recent` at the history's first day: fewer than 90 days, it began then.
  [
    'a short history',
    [
      { t: day(3), v: 5 },
      { t: day(4), v: 6 },
    ],
    day(3),
  ],
  // A first reading has no figure yet (Docker Hub pulls): the next day is the first.
  [
    'a first reading',
    [
      { t: day(3), v: null },
      { t: day(4), v: 6 },
    ],
    day(4),
  ],
  ['no value yet', [{ t: day(3), v: null }], undefined],
  // 90 days with a value on the first: the history began earlier, when is not known.
  ['90 full days', Array.from({ length: 90 }, (_, i) => ({ t: `d${i}`, v: 1 })), undefined],
])('the first day with a value, from %s', (_, recent, expected) => {
  expect(firstValueDay(recent)).toBe(expected);
});
