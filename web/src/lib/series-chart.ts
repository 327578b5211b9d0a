/**
 * Datasets for the metric page's chart, apart from the key-result overlay: the series itself
 * (bars for counts per period, its running period drawn lighter or dashed), the previous period
 * as a faint line, one line per repository when comparing them, and release markers. Values are already in the
 * view's scale (hours or days), so axis, tooltip and table agree.
 */
import type { ChartDataset } from 'chart.js';
import type { SeriesPoint } from './api.js';
import { axisLabel, isRunning, periodLabel, type Interval } from './periods.js';
import { releaseMarkers, type Release } from './releases.js';
import { runningMark } from './chart-notes.js';
import type { Scale } from '../../../shared/format.js';

export type Dataset = ChartDataset<'bar' | 'line', (number | null)[]>;

export interface SeriesChartInput {
  label: string;
  points: SeriesPoint[];
  interval: Interval;
  /** Per-period counts are bars; levels and windows a line. */
  bars: boolean;
  today: string;
  /** The range's first day: a period that starts before it is counted only from it. */
  from?: string;
  /** The metric's first day with a value, when known: its period is counted only from it too. */
  firstDay?: string;
  scale: Scale;
  /** Extra axis positions after the last point (to draw pace and forecast to a deadline). */
  labels: string[];
  previous: SeriesPoint[] | null;
  previousLabel: string;
  repos: { name: string; points: SeriesPoint[] }[] | null;
  /** Releases published in the range, drawn as thin vertical markers. */
  releases: readonly Release[];
  /** Figures recorded by hand: the running period holds the latest one (`recordedByHand`). */
  recorded?: boolean;
  colors: { main: string; faint: string; palette: string[] };
}

/** Where the series is unfinished: the index of its running period, or -1. */
export function runningIndex(points: SeriesPoint[], interval: Interval, today: string): number {
  const last = points.length - 1;
  return last >= 0 && isRunning(points[last]!.t, interval, today) ? last : -1;
}

/**
 * Where a per-period count is cut: the index of the period holding the range's first day or the
 * metric's (`firstDay`), whichever is later, when that period starts before it (a week from a
 * Tuesday on, a month from the 3rd on), and the day it is counted from; or -1. Levels and windows
 * are read at the period's end, whole either way.
 */
export function partialPeriod(
  input: Pick<SeriesChartInput, 'points' | 'interval' | 'bars' | 'from' | 'firstDay'>,
): { index: number; from: string; where: 'range' | 'data' } {
  const none = { index: -1, from: '', where: 'range' as const };
  if (!input.bars || input.interval === 'day') return none;
  const data = input.firstDay !== undefined && (!input.from || input.firstDay > input.from);
  const from = data ? input.firstDay! : input.from;
  if (!from) return none;
  const index = input.points.findLastIndex((p) => p.t <= from);
  return index >= 0 && input.points[index]!.t < from
    ? { index, from, where: data ? 'data' : 'range' }
    : none;
}

/** How many days a metric summary's `recent` covers (`MetricSummary`). */
export const RECENT_DAYS = 90;

/**
 * The metric's first day with a value, when its history begins within the summary's `recent` days:
 * they are fewer than 90 (the API starts them with the history) or start without a value (a first
 * reading, Docker Hub pulls). Else undefined: it began earlier, or never.
 */
export function firstValueDay(recent: readonly SeriesPoint[]): string | undefined {
  const index = recent.findIndex((p) => p.v !== null);
  if (index < 0 || (index === 0 && recent.length >= RECENT_DAYS)) return undefined;
  return recent[index]!.t;
}

/**
 * Whether any point has a value. A series without one reads "No data yet": there is nothing to draw,
 * table or download (before the first collection, or from a source that is not set up).
 */
export function hasValues(points: SeriesPoint[]): boolean {
  return points.some((p) => p.v !== null);
}

/** The value present at exactly one point, or null: such a series is drawn as a visible dot. */
export function singleValue(points: SeriesPoint[]): SeriesPoint | null {
  const present = points.filter((p) => p.v !== null);
  return present.length === 1 ? present[0]! : null;
}

/** Values at each axis position, in the view's scale; null where a series has none. */
function valuesAt(labels: string[], scale: Scale, points: SeriesPoint[]): (number | null)[] {
  const byT = new Map(points.map((p) => [p.t, p.v]));
  return labels.map((t) => {
    const v = byT.get(t);
    return v === null || v === undefined ? null : scale.toAxis(v);
  });
}

/**
 * The series itself: bars for counts per period, else a line; its running period lighter or dashed,
 * and a first period the range or the start of the data cuts (`partial`) lighter too.
 */
function mainDataset(input: SeriesChartInput, running: number, partial: number): Dataset {
  const { labels, colors } = input;
  const data = valuesAt(labels, input.scale, input.points);
  const current = (i: number) => (i === running ? colors.faint : colors.main);
  const cut = (i: number) => i === running || i === partial;
  if (input.bars)
    return {
      type: 'bar',
      label: input.label,
      data,
      backgroundColor: labels.map((_, i) => (cut(i) ? colors.faint : colors.main)),
      borderColor: colors.main,
      borderWidth: labels.map((_, i) => (cut(i) ? 1 : 0)),
    } as Dataset;
  const single = singleValue(input.points) !== null;
  return {
    type: 'line',
    label: input.label,
    data,
    borderColor: colors.main,
    backgroundColor: colors.main,
    borderWidth: 2,
    spanGaps: true,
    pointRadius: labels.map((_, i) => (single ? 4 : i === running ? 3 : 0)),
    pointBackgroundColor: labels.map((_, i) => current(i)),
    segment: {
      borderDash: (ctx: { p1DataIndex: number }) =>
        ctx.p1DataIndex === running ? [5, 4] : undefined,
    },
  } as Dataset;
}

/** One line per repository, for comparing them. */
function repoDatasets(input: SeriesChartInput, repos: NonNullable<SeriesChartInput['repos']>) {
  const { palette } = input.colors;
  const single = singleValue(input.points) !== null;
  return repos.map((repo, i): Dataset => ({
    type: 'line',
    label: repo.name,
    data: valuesAt(input.labels, input.scale, repo.points),
    borderColor: palette[i % palette.length],
    backgroundColor: palette[i % palette.length],
    borderWidth: 2,
    spanGaps: true,
    pointRadius: single ? 4 : 0,
  }));
}

/** The previous period as a faint line, aligned by position: its n-th period under this one's n-th. */
function previousDataset(input: SeriesChartInput, previous: SeriesPoint[]): Dataset {
  return {
    type: 'line',
    label: input.previousLabel,
    data: input.labels.map((_, i) => {
      const v = previous[i]?.v;
      return v === null || v === undefined ? null : input.scale.toAxis(v);
    }),
    borderColor: input.colors.faint,
    backgroundColor: input.colors.faint,
    borderWidth: 1.5,
    pointRadius: 0,
    spanGaps: true,
  };
}

export function buildSeriesChart(input: SeriesChartInput) {
  const { labels, interval } = input;
  const running = runningIndex(input.points, interval, input.today);
  const cut = partialPeriod(input);
  const partial = cut.index;
  const datasets = input.repos
    ? repoDatasets(input, input.repos)
    : [mainDataset(input, running, partial)];
  if (input.previous && !input.repos) datasets.push(previousDataset(input, input.previous));
  const markers = releaseMarkers(input.releases, labels, interval);
  const released = new Map(markers.map((m) => [m.index, m.tags]));
  return {
    labels: labels.map((t) => axisLabel(t, interval)),
    titles: labels.map((t, i) => {
      const tags = released.get(i);
      const note =
        i === running
          ? runningMark(input.recorded ?? false, 'tooltip')
          : i === partial
            ? ` (from ${periodLabel(cut.from, 'day')} only)`
            : '';
      const title = `${periodLabel(t, interval)}${note}`;
      return tags ? `${title} · released ${tags.join(', ')}` : title;
    }),
    datasets,
    running,
    partial: cut,
    markers,
  };
}
