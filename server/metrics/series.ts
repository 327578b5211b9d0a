/**
 * GET /api/metrics/:id/series: which metric, scope and range a request names, checked, and how to
 * compute the answer; the route sends it from the ready bytes kept under its key (ready.ts).
 */
import { findRepoByName } from '../../db/queries/github.js';
import { addDays, daysBetween } from '../../shared/dates.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { findMetric, type MetricDefinition } from '../kpi/metrics/index.js';
import type { SeriesQuery, SeriesResponse } from '../schemas/metrics.js';
import { namedMetric, readSeries } from './read.js';
import { readReleaseMarkers } from './releases.js';

/** A series request may span at most this many days (ten years). */
export const MAX_SERIES_DAYS = 3660;

const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

/** The cache key of a checked series request and how to compute its answer. */
export interface SeriesPlan {
  key: string;
  compute: () => Promise<SeriesResponse>;
}

export async function planSeries(
  ctx: AppContext,
  id: string,
  query: SeriesQuery,
): Promise<SeriesPlan> {
  const metric = findMetric(id);
  if (!metric)
    throw badRequest(`Unknown metric "${id}"; GET /api/metrics lists the metrics with data.`);
  const today = ctx.today();
  const { from, to = today, interval = 'day', repo } = query;
  if (from && from > to) throw badRequest(`from (${from}) is after to (${to}); swap them.`);
  if (from && daysBetween(from, to) > MAX_SERIES_DAYS)
    throw badRequest(
      `The range is longer than ${MAX_SERIES_DAYS} days; ask for a shorter one or a coarser interval.`,
    );
  const scope = repo ? await repoScope(ctx, metric, repo) : 'all';
  const range = { from: from ?? addDays(to, -MAX_SERIES_DAYS), to };
  return {
    key: `series:${metric.id}:${scope}:${range.from}:${range.to}:${interval}`,
    compute: async () => ({
      id: metric.id,
      ...namedMetric(metric, ctx.settings.okrs),
      kind: metric.kind,
      interval,
      points: await readSeries(ctx.database.db, metric, scope, range, interval),
      releases: await readReleaseMarkers(ctx.database.db, ctx.settings.timezone, scope, range),
    }),
  };
}

async function repoScope(ctx: AppContext, metric: MetricDefinition, repo: string): Promise<string> {
  if (metric.source !== 'github')
    throw badRequest(`repo applies to github.* metrics only, not ${metric.id}.`);
  const found = await findRepoByName(ctx.database.db, repo);
  if (!found) throw badRequest(`No tracked repository ${repo}.`);
  return found.id;
}
