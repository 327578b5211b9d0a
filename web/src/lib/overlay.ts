/**
 * A key result drawn over its metric's chart: the target, the linear pace from the baseline to
 * the deadline, and the forecast from the newest value to the deadline. Values in the view's scale.
 */
import type { KeyResult } from './api.js';
import type { Dataset } from './series-chart.js';
import type { Scale } from '../../../shared/format.js';
import { forecastOn, paceOn } from '../../../shared/pace.js';

export interface OverlayColors {
  ok: string;
  muted: string;
  warn: string;
}

const dashed = (label: string, data: (number | null)[], color: string, dash: number[]) =>
  ({
    type: 'line',
    label,
    data,
    borderColor: color,
    borderDash: dash,
    borderWidth: label === 'Forecast' ? 2 : 1.5,
    pointRadius: 0,
  }) satisfies Dataset;

/**
 * `labels` are the axis positions (days or period starts); `last` the newest point's. `forecast`:
 * the range reaches today (a past range ends before the forecast's start, today's value).
 */
export function overlayDatasets(
  kr: KeyResult,
  labels: readonly string[],
  last: string,
  scale: Scale,
  colors: OverlayColors,
  forecast = true,
): Dataset[] {
  const y = (v: number) => scale.toAxis(v);
  const datasets: Dataset[] = [
    dashed(
      'Target',
      labels.map(() => y(kr.target)),
      colors.ok,
      [6, 4],
    ),
  ];
  // Per period, each period starts from zero: the target line is the whole story.
  if (!kr.deadline || kr.periods) return datasets;
  if (kr.start && kr.baseline !== null) {
    // Pace runs from the baseline's day when that is a first value recorded after the start.
    const pace = {
      start:
        kr.baselineFrom?.source === 'first_value' && kr.baselineFrom.day
          ? kr.baselineFrom.day
          : kr.start,
      deadline: kr.deadline,
      baseline: kr.baseline,
      target: kr.target,
    };
    const data = labels.map((t) => (t < pace.start ? null : y(paceOn(pace, t))));
    datasets.push(dashed('Linear pace', data, colors.muted, [2, 3]));
  }
  if (forecast && kr.forecast !== null && kr.current !== null) {
    const line = { from: last, deadline: kr.deadline, current: kr.current, forecast: kr.forecast };
    const data = labels.map((t) => (t < last ? null : y(forecastOn(line, t))));
    datasets.push(dashed('Forecast', data, colors.warn, [8, 4]));
  }
  return datasets;
}
