import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

const RunInfo = Type.Object({
  source: Type.String(),
  finishedAt: Type.String(),
  ok: Type.Boolean(),
  error: Nullable(Type.String()),
});

export const HealthResponse = Type.Object({
  /** 'ok' when the database answers; 'error' otherwise (HTTP 503). */
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
  db: Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  }),
  /** The newest finished collection run, or null before the first one. */
  lastRun: Nullable(RunInfo),
  /** The newest finished run of each source. */
  sources: Type.Object({ github: Nullable(RunInfo), discord: Nullable(RunInfo) }),
});
export type HealthResponse = Static<typeof HealthResponse>;
