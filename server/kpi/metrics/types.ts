/**
 * What a metric is, once: the registry entry every layer reads (config validation, the rollup
 * refresh, the API's labels and units, digests and reports). Pure: no I/O, no Node APIs.
 */
import type { Point } from '../series.js';
import type { WindowResume } from '../sliding.js';
import type { RawData } from './raw-data.js';

/** The id's first part: the collector it comes from (npm, pypi, docker: `packages:`), or manual. */
export type MetricSource = 'github' | 'discord' | 'npm' | 'pypi' | 'docker' | 'manual';
/** How a value reads (see shared/format.ts): `ratio` is a share from 0 to 1, shown as a percent. */
export type MetricUnit = 'count' | 'hours' | 'ratio' | 'people';
export type Direction = 'at_least' | 'at_most';
/** How a metric aggregates over time: a running level, a count per period, or a trailing window. */
export type MetricKind = 'level' | 'per_period' | 'window';
/** Where a metric is listed on the dashboard's Metrics page, in this order. */
export const METRIC_AREAS = [
  'growth',
  'contributors',
  'responsiveness',
  'community',
  'downloads',
  'business',
] as const;
export type MetricArea = (typeof METRIC_AREAS)[number];

/** How a metric is named and shown: what the API, config validation, digests and reports read. */
export interface MetricDefinition {
  id: string;
  source: MetricSource;
  label: string;
  /**
   * What it counts, in one line for a reader who knows only the label ("Bus factor" alone says
   * nothing): reports end with these, and the dashboard shows it on the metric's page.
   */
  description: string;
  unit: MetricUnit;
  kind: MetricKind;
  area: MetricArea;
  /** Which way is better; a key result's `direction` defaults to this. */
  better: Direction;
  /** A window metric's trailing window in days (the value for day D covers D − window + 1 … D). */
  windowDays: number | null;
  /**
   * A day's figure is the difference of two daily readings of a running total (Docker Hub pulls,
   * release downloads): the first figure comes the day after the first reading.
   */
  fromReadings: boolean;
}

/** One series of a metric: scope `all`, or a repository id for the per-repository GitHub series. */
export interface ScopedPoints {
  scope: string;
  points: Point[];
}

/** What an entry's compute gets besides the rows: the project's day, shared views, the scopes. */
export interface RollupContext {
  readonly timeZone: string;
  /** The last day to compute, in the project's time zone. */
  readonly today: string;
  /**
   * In an incremental refresh, the first day recomputed: the stored days before it are kept, so a
   * series need not give them (nor spend time on them); null in a full rebuild.
   */
  readonly from: string | null;
  /** The calendar day of an instant in the project's time zone. */
  day(instant: string): string;
  /**
   * From the first of `days` to today; null when there are none (or all are after today). In an
   * incremental refresh, a scope whose series is already stored before the first day to recompute
   * spans from that day (its earlier days are kept; the rows before it may not be loaded).
   */
  span(days: readonly string[], scope?: string): [string, string] | null;
  /**
   * In an incremental refresh, this metric's stored value for the day before the first day
   * recomputed (undefined in a full rebuild, or for a scope without one).
   */
  carried(scope: string): number | null | undefined;
  /** A window metric's stored state to resume from and where to keep today's; null: not kept. */
  window(scope: string): WindowResume | null;
  /** A value computed once per refresh and shared by the entries that read it (views of the rows). */
  memo<T>(key: string, make: () => T): T;
  /** Scope `all` (repo null), then one per repository. */
  readonly repoScopes: readonly RepoScope[];
  /** The rows of one repository (or all rows for repo null), grouped once per table. */
  ofRepo<K extends RepoKeyedTable>(table: K, repo: string | null): RawData[K];
}

export interface RepoScope {
  scope: string;
  repo: string | null;
}

/** The tables of RawData whose rows carry a `repo_id`. */
export type RepoKeyedTable = {
  [K in keyof RawData]: RawData[K] extends readonly { repo_id: string }[] ? K : never;
}[keyof RawData];

/**
 * A metric computed from stored rows: its definition, the row sets it reads (the refresh loads only
 * those; an incremental refresh recomputes it when they change) and its pure compute function.
 */
export interface MetricEntry extends MetricDefinition {
  reads: readonly (keyof RawData)[];
  /**
   * The refresh may recompute this metric from a day D on, reading rows from D − `windowDays` (a
   * per-period or level metric: from D) with the loaders' lower bound, which keep what a running
   * level needs (each contributor's first contribution, the star total before the bound, the last
   * snapshot). True only when each day's value follows from those rows and the compute passes each
   * series' scope to `ctx.span`. Otherwise the metric is recomputed whole when its rows change.
   */
  incremental?: boolean;
  /**
   * A window metric whose compute passes `ctx.window(scope)` to its sliding window: the refresh
   * keeps the window's state and an incremental refresh resumes from it, reading only the days it
   * recomputes and the days leaving the window.
   */
  keepsWindow?: boolean;
  /**
   * With `keepsWindow`: a state that sums up everything before its day (not a window's days), so
   * without a stored state to resume from, an incremental refresh reads every row, not the window
   * before its first day.
   */
  wholeWithoutState?: boolean;
  /** Daily points per scope, each from its first day to `ctx.today`; empty series are dropped. */
  compute(data: RawData, ctx: RollupContext): ScopedPoints[];
}
