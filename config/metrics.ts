/**
 * The metric catalog: stable ids that config files, the API and reports refer to.
 * Definitions are in the README's metric reference (and ../shared/DESIGN.md).
 */
export type MetricSource = 'github' | 'discord' | 'manual';
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

export interface MetricDefinition {
  id: string;
  source: MetricSource;
  label: string;
  unit: MetricUnit;
  kind: MetricKind;
  area: MetricArea;
  /** Which way is better; a key result's `direction` defaults to this. */
  better: Direction;
}

const define = (
  id: string,
  label: string,
  unit: MetricUnit,
  kind: MetricKind,
  area: MetricArea,
  better: Direction = 'at_least',
): MetricDefinition => ({
  id,
  source: id.startsWith('github.') ? 'github' : 'discord',
  label,
  unit,
  kind,
  area,
  better,
});

export const METRICS: readonly MetricDefinition[] = Object.freeze([
  define('github.stars', 'GitHub stars', 'count', 'level', 'growth'),
  define('github.forks', 'GitHub forks', 'count', 'level', 'growth'),
  define('github.contributors', 'Contributors (all time)', 'people', 'level', 'contributors'),
  define('github.contributors.new', 'New contributors', 'people', 'per_period', 'contributors'),
  define(
    'github.contributors.active',
    'Active contributors (90 days)',
    'people',
    'window',
    'contributors',
  ),
  define('github.prs.opened', 'Pull requests opened', 'count', 'per_period', 'contributors'),
  define('github.prs.merged', 'Pull requests merged', 'count', 'per_period', 'contributors'),
  define(
    'github.prs.merge_time.p50',
    'PR merge time (median)',
    'hours',
    'window',
    'responsiveness',
    'at_most',
  ),
  define(
    'github.prs.merge_time.p90',
    'PR merge time (90th percentile)',
    'hours',
    'window',
    'responsiveness',
    'at_most',
  ),
  define(
    'github.prs.first_review.p50',
    'Time to first review (median)',
    'hours',
    'window',
    'responsiveness',
    'at_most',
  ),
  define('github.issues.opened', 'Issues opened', 'count', 'per_period', 'community'),
  define('github.issues.closed', 'Issues closed', 'count', 'per_period', 'community'),
  define(
    'github.issues.first_response.p50',
    'Time to first response (median)',
    'hours',
    'window',
    'responsiveness',
    'at_most',
  ),
  define(
    'github.issues.close_time.p50',
    'Time to close (median)',
    'hours',
    'window',
    'responsiveness',
    'at_most',
  ),
  define('github.bus_factor', 'Bus factor', 'people', 'window', 'contributors'),
  define('discord.members', 'Discord members', 'people', 'level', 'community'),
  define('discord.online', 'Discord members online', 'people', 'level', 'community'),
  define('discord.joins', 'Discord joins', 'people', 'per_period', 'community'),
]);

const byId = new Map(METRICS.map((metric) => [metric.id, metric]));

/** `manual.<name>`: lower-case letters, digits, `_` and `-`, e.g. `manual.arr`. */
export const MANUAL_METRIC = /^manual\.[a-z0-9][a-z0-9_-]*$/;

export function findMetric(id: string): MetricDefinition | undefined {
  const known = byId.get(id);
  if (known) return known;
  if (!MANUAL_METRIC.test(id)) return undefined;
  const name = id.slice('manual.'.length);
  return {
    id,
    source: 'manual',
    label: name,
    unit: 'count',
    kind: 'level',
    area: 'business',
    better: 'at_least',
  };
}
