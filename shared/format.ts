/**
 * How values read, everywhere: the dashboard, digests, reports, badges and alerts all format through
 * this module, so a value reads the same on a card and in a PDF. Pure TypeScript, no Node or DOM APIs.
 */
import type { KeyResultStatus } from '../server/kpi/okr.js';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/**
 * Intl formatters cost far more to make (~0.6 ms each; `toLocaleDateString` with options makes one
 * per call) than to use (~1 µs), and a page of cards formats dozens of dates and amounts: each
 * set of options gets one, kept.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en', options);
    dateFormats.set(key, format);
  }
  return format;
}
const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, format);
  }
  return format;
}

/** Durations read in days from two days on; decided once per view so a card and its axis agree. */
export const DAYS_FROM_HOURS = 48;

/** What a value reads as before the first collection pass has stored any data. */
export const WAITING_TEXT = 'waiting for the first collection';

/**
 * Why a metric has no value yet, as a sentence: before its source's first pass; or, once collected,
 * a count per day that is the difference of two readings (Docker Hub pulls) has its first figure
 * only after the next day's pass; a manual metric has had nothing recorded; a window nothing in it.
 */
export function noValueText(
  metric: { id: string; fromReadings: boolean },
  collected: boolean,
): string {
  if (metric.id.startsWith('manual.'))
    return `No value recorded yet: pulseboard record ${metric.id} VALUE`;
  if (!collected) return 'Waiting for the first collection';
  if (metric.fromReadings)
    return 'First daily figure after tomorrow’s collection (a day’s figure is the difference of two days’ readings)';
  return 'No value yet: nothing to measure so far';
}

/** The collection pass a metric's data comes from: its id's first part (npm, pypi, docker: packages). */
export function collectionSourceOf(metricId: string): string {
  const first = metricId.split('.')[0] ?? '';
  return ['npm', 'pypi', 'docker'].includes(first) ? 'packages' : first;
}

/** A day (YYYY-MM-DD) as "Nov 20", or "Nov 20, 2025" `withYear`. */
export function shortDay(day: string, withYear = false): string {
  return dateFormat({
    month: 'short',
    day: 'numeric',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

/**
 * Why a change cannot be computed: the history is shorter than the window. "history from Nov 20",
 * with the year when it is not `today`'s ("history from Dec 30, 2025").
 */
export function historyFromText(first: string, today: string): string {
  return `history from ${shortDay(first, first.slice(0, 4) !== today.slice(0, 4))}`;
}

/**
 * What a per-period metric's current value sums: the last 7 days, or, when the days since have no
 * figure yet (npm's and PyPI's downloads come out a day later), the 7 days to the last that has.
 */
export function perPeriodText(recent: readonly { t: string; v: number | null }[]): string {
  const today = recent.at(-1);
  const last = recent.findLast((p) => p.v !== null);
  if (!today || !last || today.v !== null || last.t === today.t) return 'in the last 7 days';
  return `in the 7 days to ${shortDay(last.t)}`;
}

/** A key result's own unit that is a currency code (ISO 4217: `USD`, `EUR`) reads as money. */
let currencies: ReadonlySet<string> | null = null;
const isCurrency = (unit: string) =>
  /^[A-Z]{3}$/.test(unit) && (currencies ??= new Set(Intl.supportedValuesOf('currency'))).has(unit);

/** One display unit for a view: the card, the chart's axis, its tooltip and the table. */
export interface Scale {
  /** Raw value → the number drawn on the axis (hours become days when durations are long). */
  toAxis(value: number): number;
  /** The axis title: "Hours", "Days", "Percent", "People", "USD", … */
  title: string;
  /** A raw value as text in this scale ("36.3 h", "2.3 d", "1,234", "12%", "$250,000"). */
  format(value: number | null | undefined): string;
  /** An axis number (already converted by toAxis) as a tick label. */
  tick(value: number): string;
  /** The size of a change (≥ 0) in this scale: as `format`, but percentage points for ratios. */
  delta(value: number): string;
  /** Counts and people: whole numbers, so an axis has no ticks between them (11.2 people). */
  whole: boolean;
}

const isPlain = (unit: string) => unit === 'count' || unit === 'people';

/** A plain number: whole values with separators, small fractions to one decimal. */
const plainNumber = (v: number) =>
  Number.isInteger(v) || Math.abs(v) >= 100 ? integer.format(v) : oneDecimal.format(v);

const orDash = (f: (v: number) => string) => (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : f(v);

/** The scale for `unit` given the values a view shows together. */
export function scaleFor(unit: string, values: readonly (number | null | undefined)[]): Scale {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const max = finite.length ? Math.max(...finite.map(Math.abs)) : 0;
  if (unit === 'hours') {
    const days = max >= DAYS_FROM_HOURS;
    const toAxis = (v: number) => (days ? v / 24 : v);
    const suffix = days ? 'd' : 'h';
    return {
      toAxis,
      title: days ? 'Days' : 'Hours',
      format: orDash((v) => `${oneDecimal.format(toAxis(v))} ${suffix}`),
      tick: (v) => `${oneDecimal.format(v)} ${suffix}`,
      delta: (v) => `${oneDecimal.format(toAxis(v))} ${suffix}`,
      whole: false,
    };
  }
  if (unit === 'ratio')
    return {
      toAxis: (v) => v * 100,
      title: 'Percent',
      format: orDash((v) => `${oneDecimal.format(v * 100)}%`),
      tick: (v) => `${oneDecimal.format(v)}%`,
      // 52% → 54% is "+2 pp": "+2%" would read as a relative change (52% × 1.02).
      delta: (v) => `${oneDecimal.format(v * 100)} pp`,
      whole: false,
    };
  if (isCurrency(unit)) {
    const money = moneyFormat(unit);
    return {
      toAxis: (v) => v,
      title: unit,
      format: orDash(money.format),
      tick: money.format,
      delta: money.format,
      whole: false,
    };
  }
  const plain = unit === 'count' || unit === 'people';
  const text = (v: number) => (plain ? plainNumber(v) : `${plainNumber(v)} ${unit}`);
  return {
    toAxis: (v) => v,
    title: unit === 'people' ? 'People' : unit === 'count' ? 'Count' : unit,
    format: orDash(text),
    tick: plainNumber,
    delta: text,
    whole: plain,
  };
}

/**
 * One value as text, in the scale of the values shown `alongside` it (default: itself). Rounding
 * never makes a value read as `near` (its target): 9,999.6 next to 10,000 reads "9,999.6".
 */
export function formatValue(
  value: number | null | undefined,
  unit: string,
  options: { near?: number | null; alongside?: readonly (number | null | undefined)[] } = {},
): string {
  if (value === null || value === undefined) return '—';
  const scale = scaleFor(unit, options.alongside ?? [value]);
  const text = scale.format(value);
  const near = options.near;
  if (near === null || near === undefined || near === value || text !== scale.format(near))
    return text;
  if (unit === 'hours' || unit === 'ratio') return text;
  return isPlain(unit) ? twoDecimals.format(value) : `${twoDecimals.format(value)} ${unit}`;
}

/** What a key result shows of itself, on the card, in digests and in reports alike. */
export interface KeyResultValues {
  unit: string;
  direction: 'at_least' | 'at_most';
  target: number;
  current?: number | null;
  forecast?: number | null;
}

/** One of a key result's values: current, target and forecast read in one scale, never blurred. */
export const keyResultValue = (kr: KeyResultValues, value: number | null | undefined) =>
  formatValue(value, kr.unit, {
    near: value === kr.target ? null : kr.target,
    alongside: [kr.current, kr.target, kr.forecast],
  });

/**
 * A change in the same terms as the values it sits beside: "+12", "−1.3 d" (days when the values
 * read in days), "+2.1 pp" (percentage points for ratios), "±0".
 */
export function formatChange(
  change: number | null | undefined,
  unit: string,
  ...beside: (number | null | undefined)[]
): string {
  return changeIn(scaleFor(unit, [change, ...beside]), change);
}

/** A change in a view's scale: "+12", "−1.3 d", "+2.1 pp", and "±0" when it rounds to nothing. */
export function changeIn(scale: Scale, change: number | null | undefined): string {
  if (change === null || change === undefined) return '—';
  const text = scale.delta(Math.abs(change));
  // −0.03 h reads "±0", never "−0 h".
  if (change === 0 || text === scale.delta(0)) return '±0';
  return `${change > 0 ? '+' : '−'}${text}`;
}

export const STATUS_LABEL: Record<KeyResultStatus, string> = {
  achieved: 'Achieved',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  missed: 'Missed',
  no_data: 'No data',
};

export const STATUS_ICON: Record<KeyResultStatus, string> = {
  achieved: '✅',
  on_track: '🟢',
  at_risk: '🟡',
  off_track: '🔴',
  missed: '❌',
  no_data: '⚪',
};

export const directionText = (kr: Pick<KeyResultValues, 'direction'>) =>
  kr.direction === 'at_most' ? 'at most' : 'at least';

/** "≥ 10,000", "≤ 7 d". */
export const targetText = (kr: KeyResultValues) =>
  `${kr.direction === 'at_most' ? '≤' : '≥'} ${keyResultValue(kr, kr.target)}`;

/** `2026-11-23` as "Nov 23, 2026". */
export function formatDate(day: string | null | undefined): string {
  if (!day) return '—';
  return dateFormat({ year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** A share from 0 to 1 as a whole percent ("72%"). */
export const percentText = (share: number | null | undefined) =>
  share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;

/** A browser tab's title: the page first (tabs cut the end), then the project, then the app. */
export function documentTitle(page: string | null, project: string | null): string {
  return [page, project, 'Pulseboard'].filter((part) => !!part).join(' · ');
}
