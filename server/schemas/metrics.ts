import { Type, type Static } from 'typebox';
import { MANUAL_VALUE_LIMIT } from '../../shared/limits.js';
import { METRIC_AREAS } from '../kpi/metrics/index.js';
import { ApiDay, Nullable } from './common.js';
import { SeriesPoint } from './okrs.js';

export const MetricKind = Type.Enum(['level', 'per_period', 'window']);
export const MetricArea = Type.Enum([...METRIC_AREAS]);

export const MetricSummary = Type.Object({
  id: Type.String(),
  label: Type.String(),
  /** What it counts, in one line. */
  description: Type.String(),
  unit: Type.String(),
  kind: MetricKind,
  /** Where the dashboard lists it: growth, contributors, responsiveness, community, downloads, business. */
  area: MetricArea,
  /** A day's figure is the difference of two daily readings: the first comes a day after the first reading. */
  fromReadings: Type.Boolean(),
  /** Null until the first collection has a value. */
  current: Nullable(Type.Number()),
  change7d: Nullable(Type.Number()),
  change30d: Nullable(Type.Number()),
  /** The last 90 days by day (per-period metrics as trailing 7-day sums), for sparklines. */
  recent: Type.Array(SeriesPoint),
});
export type MetricSummary = Static<typeof MetricSummary>;
export const MetricsResponse = Type.Array(MetricSummary);
export type MetricsResponse = Static<typeof MetricsResponse>;

export const SeriesParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
export const SeriesQuery = Type.Object(
  {
    from: Type.Optional(ApiDay('First day; default 3,660 days before `to`')),
    to: Type.Optional(ApiDay('Last day; default today')),
    interval: Type.Optional(Type.Enum(['day', 'week', 'month'])),
    repo: Type.Optional(
      Type.String({ pattern: '^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$', maxLength: 200 }),
    ),
  },
  { additionalProperties: false },
);
export type SeriesQuery = Static<typeof SeriesQuery>;

export const SeriesResponse = Type.Object({
  id: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  /** level (a running value), per_period (counts per day/week/month) or window (trailing window). */
  kind: MetricKind,
  interval: Type.Enum(['day', 'week', 'month']),
  points: Type.Array(SeriesPoint),
  releases: Type.Array(
    Type.Object({ repo: Type.String(), tag: Type.String(), day: Type.String() }),
    {
      description:
        'Releases published within the range (of the repository asked for, else of all), oldest first: markers for the chart.',
    },
  ),
});
export type SeriesResponse = Static<typeof SeriesResponse>;

export const ManualValueBody = Type.Object(
  {
    value: Type.Number({
      minimum: -MANUAL_VALUE_LIMIT,
      maximum: MANUAL_VALUE_LIMIT,
      description: `A JSON number from -${MANUAL_VALUE_LIMIT} to ${MANUAL_VALUE_LIMIT} (not a string, boolean or array)`,
    }),
    at: Type.Optional(ApiDay('The day the value is for, at most tomorrow; default today')),
  },
  { additionalProperties: false },
);
export const ManualValueResponse = Type.Object({
  metric: Type.String(),
  at: Type.String(),
  value: Type.Number(),
});

export const ReposResponse = Type.Array(
  Type.Object({ id: Type.String(), fullName: Type.String() }),
);
export type ReposResponse = Static<typeof ReposResponse>;
