/**
 * Datasets for the metric page's chart, apart from the key-result overlay: the series itself
 * (bars for counts per period, its running period drawn lighter or dashed), the previous period
 * as a faint line, and one line per repository when comparing them. Values are already in the
 * view's scale (hours or days), so axis, tooltip and table agree.
 */
import type { ChartDataset } from 'chart.js';
import type { SeriesPoint } from './api.js';
import { axisLabel, isRunning, periodLabel, type Interval } from './periods.js';
import type { Scale } from '../../../shared/format.js';

export type Dataset = ChartDataset<'bar' | 'line', (number | null)[]>;

export interface SeriesChartInput {
  label: string;
  points: SeriesPoint[];
  interval: Interval;
  /** Per-period counts are bars; levels and windows a line. */
  bars: boolean;
  today: string;
  scale: Scale;
  /** Extra axis positions after the last point (to draw pace and forecast to a deadline). */
  labels: string[];
  previous: SeriesPoint[] | null;
  previousLabel: string;
  repos: { name: string; points: SeriesPoint[] }[] | null;
  colors: { main: string; faint: string; palette: string[] };
}

/** Where the series is unfinished: the index of its running period, or -1. */
export function runningIndex(points: SeriesPoint[], interval: Interval, today: string): number {
  const last = points.length - 1;
  return last >= 0 && isRunning(points[last]!.t, interval, today) ? last : -1;
}

/** The value present at exactly one point, or null: such a series is drawn as a visible dot. */
export function singleValue(points: SeriesPoint[]): SeriesPoint | null {
  const present = points.filter((p) => p.v !== null);
  return present.length === 1 ? present[0]! : null;
}

export function buildSeriesChart(input: SeriesChartInput) {
  const { labels, interval, scale, colors } = input;
  const at = (points: SeriesPoint[]) => {
    const byT = new Map(points.map((p) => [p.t, p.v]));
    return labels.map((t) => {
      const v = byT.get(t);
      return v === null || v === undefined ? null : scale.toAxis(v);
    });
  };
  const running = runningIndex(input.points, interval, input.today);
  const single = singleValue(input.points) !== null;
  const datasets: Dataset[] = [];
  if (input.repos) {
    input.repos.forEach((repo, i) =>
      datasets.push({
        type: 'line',
        label: repo.name,
        data: at(repo.points),
        borderColor: colors.palette[i % colors.palette.length],
        backgroundColor: colors.palette[i % colors.palette.length],
        borderWidth: 2,
        spanGaps: true,
        pointRadius: single ? 4 : 0,
      }),
    );
  } else if (input.bars) {
    datasets.push({
      type: 'bar',
      label: input.label,
      data: at(input.points),
      backgroundColor: labels.map((_, i) => (i === running ? colors.faint : colors.main)),
      borderColor: colors.main,
      borderWidth: labels.map((_, i) => (i === running ? 1 : 0)),
    } as Dataset);
  } else {
    datasets.push({
      type: 'line',
      label: input.label,
      data: at(input.points),
      borderColor: colors.main,
      backgroundColor: colors.main,
      borderWidth: 2,
      spanGaps: true,
      pointRadius: labels.map((_, i) =>
        single && input.points.length ? 4 : i === running ? 3 : 0,
      ),
      pointBackgroundColor: labels.map((_, i) => (i === running ? colors.faint : colors.main)),
      segment: {
        borderDash: (ctx: { p1DataIndex: number }) =>
          ctx.p1DataIndex === running ? [5, 4] : undefined,
      },
    } as Dataset);
  }
  if (input.previous && !input.repos) {
    // Aligned by position: the n-th period of the previous range under the n-th of this one.
    datasets.push({
      type: 'line',
      label: input.previousLabel,
      data: labels.map((_, i) => {
        const v = input.previous![i]?.v;
        return v === null || v === undefined ? null : scale.toAxis(v);
      }),
      borderColor: colors.faint,
      backgroundColor: colors.faint,
      borderWidth: 1.5,
      pointRadius: 0,
      spanGaps: true,
    });
  }
  return {
    labels: labels.map((t) => axisLabel(t, interval)),
    titles: labels.map(
      (t, i) => `${periodLabel(t, interval)}${i === running ? ' (still running)' : ''}`,
    ),
    datasets,
    running,
  };
}
