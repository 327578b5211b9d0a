/** chart.js, registered piece by piece (not chart.js/auto) so the bundle holds only what we draw. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartType,
  type LegendItem,
  type Plugin,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  BarController,
  BarElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Tooltip,
  Legend,
  Filler,
);

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- an augmentation repeats chart.js's parameter
  interface PluginOptionsByType<TType extends ChartType> {
    /** The axis positions of releases (see releaseMarkersPlugin). */
    releaseMarkers?: { indexes?: number[] };
  }
}

/**
 * Releases as thin vertical lines behind the data (their tags are in the tooltip's title): faint
 * and one pixel wide, so a chart with fifty releases still reads as a chart.
 */
export const releaseMarkersPlugin: Plugin<'bar' | 'line', { indexes?: number[] }> = {
  id: 'releaseMarkers',
  beforeDatasetsDraw(chart, _args, options) {
    const indexes = options.indexes ?? [];
    if (!indexes.length) return;
    const { ctx, chartArea, scales } = chart;
    ctx.save();
    ctx.strokeStyle = String(Chart.defaults.color);
    ctx.globalAlpha = indexes.length > 20 ? 0.3 : 0.5;
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    for (const index of indexes) {
      const x = Math.round(scales.x!.getPixelForValue(index)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
    }
    ctx.restore();
  },
};

/**
 * The legend, with each bar series in its bars' own colour: chart.js paints a bar series' swatch
 * like its first bar, and a first period the range cuts is drawn lighter, so the legend showed a
 * colour no other bar had.
 */
export function legendLabels(chart: Chart): LegendItem[] {
  return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
    const index = item.datasetIndex ?? -1;
    if (chart.getDatasetMeta(index).type !== 'bar') return item;
    return { ...item, fillStyle: chart.data.datasets[index]!.borderColor as string, lineWidth: 0 };
  });
}

export { Chart };
