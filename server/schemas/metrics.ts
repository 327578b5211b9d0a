import { Type, type Static } from 'typebox';
import { MANUAL_VALUE_LIMIT } from '../../config/limits.js';
import { ApiDay, Nullable } from './common.js';
import { SeriesPoint } from './okrs.js';

export const MetricSummary = Type.Object({
  id: Type.String(),
  label: Type.String(),
  unit: Type.String(),
  current: Nullable(Type.Number()),
  change7d: Nullable(Type.Number()),
  change30d: Nullable(Type.Number()),
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
  kind: Type.Enum(['level', 'per_period', 'window']),
  interval: Type.Enum(['day', 'week', 'month']),
  points: Type.Array(SeriesPoint),
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
