import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

const Source = Type.Union([
  Type.Literal('github'),
  Type.Literal('discord'),
  Type.Literal('packages'),
]);

const RunInfo = Type.Object({
  source: Source,
  finishedAt: Type.String(),
  ok: Type.Boolean(),
  error: Nullable(Type.String()),
});

/** A configured source whose latest finished pass failed. */
const SourceFailure = Type.Object({
  source: Source,
  /** When the first failed pass of the current streak finished (no success since). */
  since: Type.String(),
  /** When the latest failed pass finished. */
  lastFailedAt: Type.String(),
  /** The latest failure's cause, one line. */
  error: Type.String(),
});

/** A configured source whose latest pass met something only the user can fix (a permission). */
const SourceAction = Type.Object({
  source: Source,
  /** What is missing, what it costs and the fix, in a sentence or two. */
  message: Type.String(),
});

export const HealthResponse = Type.Object({
  /**
   * 'ok' when the database answers and every configured source's latest pass succeeded (or none
   * ran yet); 'degraded' when one failed (see `failing`); 'error' when the database does not answer
   * (HTTP 503).
   */
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded'), Type.Literal('error')]),
  db: Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('unreachable')]),
    dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  }),
  /** The newest finished collection run, or null before the first one. */
  lastRun: Nullable(RunInfo),
  /** The newest finished run of each source. */
  sources: Type.Object({
    github: Nullable(RunInfo),
    discord: Nullable(RunInfo),
    packages: Nullable(RunInfo),
  }),
  /** The configured sources whose latest pass failed, with since when; empty when none. */
  failing: Type.Array(SourceFailure),
  /**
   * The configured sources whose latest pass could not collect everything for a reason the user can
   * fix (the bot lacks a permission, a repository was renamed); gone once a pass no longer meets it.
   * It does not change `status`: the passes succeed.
   */
  needsAction: Type.Array(SourceAction),
  /** Setup problems to fix (a missing token, the placeholder repository), one sentence each. */
  warnings: Type.Array(Type.String()),
});
export type HealthResponse = Static<typeof HealthResponse>;
export type SourceFailure = Static<typeof SourceFailure>;
export type SourceAction = Static<typeof SourceAction>;
