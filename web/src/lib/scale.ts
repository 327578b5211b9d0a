/**
 * One display unit per metric view: the card, the chart's axis, its tooltip and the table all use
 * the scale chosen here, so a duration never reads "2.5 d" on the card and "54.146" on the axis.
 */
export interface Scale {
  /** Raw API value → the number drawn on the axis (hours become days when durations are long). */
  toAxis(value: number): number;
  /** The axis title: "Hours", "Days", "Percent", "People", … */
  title: string;
  /** A raw API value as text, in this scale's unit ("36 h", "2.3 d", "1,234", "12%"). */
  format(value: number | null | undefined): string;
  /** An axis number (already converted by toAxis) as a tick label. */
  tick(value: number): string;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** Durations of two days or more read in days, shorter ones in hours, decided once per view. */
export function scaleFor(unit: string, values: readonly (number | null | undefined)[]): Scale {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const max = finite.length ? Math.max(...finite.map(Math.abs)) : 0;
  if (unit === 'hours') {
    const days = max >= 48;
    const toAxis = (v: number) => (days ? v / 24 : v);
    const suffix = days ? 'd' : 'h';
    return {
      toAxis,
      title: days ? 'Days' : 'Hours',
      format: (v) =>
        v === null || v === undefined ? '—' : `${oneDecimal.format(toAxis(v))} ${suffix}`,
      tick: (v) => `${oneDecimal.format(v)} ${suffix}`,
    };
  }
  if (unit === 'ratio') {
    return {
      toAxis: (v) => v * 100,
      title: 'Percent',
      format: (v) => (v === null || v === undefined ? '—' : `${oneDecimal.format(v * 100)}%`),
      tick: (v) => `${oneDecimal.format(v)}%`,
    };
  }
  const plain = unit === 'count' || unit === 'people';
  const text = (v: number) =>
    Number.isInteger(v) || Math.abs(v) >= 100 ? integer.format(v) : oneDecimal.format(v);
  return {
    toAxis: (v) => v,
    title: unit === 'people' ? 'People' : unit === 'count' ? 'Count' : unit,
    format: (v) => (v === null || v === undefined ? '—' : plain ? text(v) : `${text(v)} ${unit}`),
    tick: (v) => text(v),
  };
}

/** A change as "+12" / "−3.5 h" / "±0" in the scale's unit. */
export function formatChange(scale: Scale, change: number | null | undefined): string {
  if (change === null || change === undefined) return '—';
  if (change === 0) return '±0';
  const text = scale.format(Math.abs(change));
  return `${change > 0 ? '+' : '−'}${text}`;
}
