import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const Run = Type.Object({
  id: Type.String(),
  source: Type.String(),
  startedAt: Type.String(),
  finishedAt: Nullable(Type.String()),
  ok: Nullable(Type.Boolean()),
  requests: Type.Integer(),
  points: Type.Integer(),
  rows: Type.Integer(),
  error: Nullable(Type.String()),
  notes: Type.Array(Type.String()),
});
export type Run = Static<typeof Run>;
export const RunsResponse = Type.Array(Run);
export type RunsResponse = Static<typeof RunsResponse>;
export const CollectResponse = Type.Object({ started: Type.Boolean() });

export const RunsQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        description: 'How many runs, newest first (default 50); plain decimal digits',
      }),
    ),
  },
  { additionalProperties: false },
);
