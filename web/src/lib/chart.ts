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
import { thinMarkers, type Marker } from './releases.js';

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
    releaseMarkers?: ReleaseMarkersOptions;
  }
}

/** The releases on the axis (see releaseMarkersPlugin), and what to tell once they are drawn. */
export interface ReleaseMarkersOptions {
  markers?: Marker[];
  /** Called at each draw with the markers drawn, fewer than all when the chart is narrow. */
  drawn?: (drawn: Marker[]) => void;
}

/**
 * The least distance between two release lines, in pixels: nearer, they read as a grey band and
 * cannot be pointed at one by one. A finger needs more room than a mouse, so a phone-wide chart
 * keeps them further apart.
 */
export function markerGap(chartWidth: number): number {
  return chartWidth < 640 ? 24 : 16;
}

/**
 * Releases as thin vertical lines behind the data (their tags are in the tooltip's title): faint,
 * one pixel wide and at least markerGap apart (thinMarkers picks which), so a chart with fifty
 * releases still reads as a chart, on a phone too.
 */
export const releaseMarkersPlugin: Plugin<'bar' | 'line', ReleaseMarkersOptions> = {
  id: 'releaseMarkers',
  beforeDatasetsDraw(chart, _args, options) {
    const x = chart.scales.x!;
    const gap = markerGap(chart.width);
    const markers = thinMarkers(options.markers ?? [], (i) => x.getPixelForValue(i), gap);
    options.drawn?.(markers);
    if (!markers.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.strokeStyle = String(Chart.defaults.color);
    ctx.globalAlpha = markers.length > 20 ? 0.3 : 0.5;
    ctx.lineWidth = 1;
    ctx.setLineDash([3, 3]);
    for (const { index } of markers) {
      const px = Math.round(x.getPixelForValue(index)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
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
