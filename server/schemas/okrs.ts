import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const KeyResultStatus = Type.Enum([
  'achieved',
  'missed',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
]);

export const SeriesPoint = Type.Object({
  t: Type.String({ format: 'date' }),
  v: Nullable(Type.Number()),
});
export type SeriesPoint = Static<typeof SeriesPoint>;

const Day = Type.String({ format: 'date' });

/** A key result per week/month/quarter: how many complete periods met it, and the running one. */
export const PeriodSummary = Type.Object({
  per: Type.Enum(['week', 'month', 'quarter']),
  met: Type.Integer({ minimum: 0 }),
  complete: Type.Integer({ minimum: 0 }),
  running: Nullable(
    Type.Object({ from: Day, to: Day, soFar: Type.Number(), forecast: Nullable(Type.Number()) }),
  ),
  last: Nullable(Type.Object({ from: Day, to: Day })),
});
export type PeriodSummary = Static<typeof PeriodSummary>;

export const KeyResult = Type.Object({
  id: Type.String(),
  metric: Type.String(),
  /** The metric's daily figure is the difference of two readings: the first comes a day after the first reading. */
  fromReadings: Type.Boolean(),
  label: Type.String(),
  unit: Type.String(),
  direction: Type.Enum(['at_least', 'at_most']),
  target: Type.Number(),
  baseline: Nullable(Type.Number()),
  /** config, the value at the start, or the first value recorded after the start (and its day). */
  baselineFrom: Nullable(
    Type.Object({
      source: Type.Enum(['config', 'period_start', 'first_value']),
      day: Nullable(Day),
    }),
  ),
  current: Nullable(Type.Number()),
  /** Where linear pace from baseline to target would be today. */
  expected: Nullable(Type.Number()),
  /** 0..1 of the way from baseline to target. */
  progress: Nullable(Type.Number()),
  status: KeyResultStatus,
  /** The trailing 28-day trend, at the deadline. */
  forecast: Nullable(Type.Number()),
  /** 0..1: the odds the target is met at the deadline (per period: by the running period). */
  probability: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
  /** Null unless the key result has `per:`; then `current` is the last complete period's total. */
  periods: Nullable(PeriodSummary),
  /** When the trend reaches the target. */
  eta: Nullable(Type.String({ format: 'date' })),
  start: Nullable(Type.String({ format: 'date' })),
  deadline: Nullable(Type.String({ format: 'date' })),
  /** The last 90 days of the value the key result tracks, for sparklines. */
  recent: Type.Array(SeriesPoint),
});
export type KeyResult = Static<typeof KeyResult>;

export const OkrsResponse = Type.Object({
  project: Type.String(),
  generatedAt: Type.String(),
  objectives: Type.Array(
    Type.Object({ objective: Type.String(), keyResults: Type.Array(KeyResult) }),
  ),
});
export type OkrsResponse = Static<typeof OkrsResponse>;
