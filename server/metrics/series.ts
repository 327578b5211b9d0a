/**
 * GET /api/metrics/:id/series: which metric, scope and range a request names, checked, and the
 * series from the rollup cache. The route only parses and responds.
 */
import { findRepoByName } from '../../db/queries/github.js';
import { addDays, daysBetween, dayOf } from '../../shared/dates.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { findMetric, type MetricDefinition } from '../kpi/metrics/index.js';
import type { SeriesQuery, SeriesResponse } from '../schemas/metrics.js';
import { namedMetric, readSeries } from './read.js';
import { readReleaseMarkers } from './releases.js';

/** A series request may span at most this many days (ten years). */
export const MAX_SERIES_DAYS = 3660;

const badRequest = (message: string) => new ApiError(400, 'bad_request', message);

export async function answerSeries(
  ctx: AppContext,
  id: string,
  query: SeriesQuery,
): Promise<SeriesResponse> {
  const metric = findMetric(id);
  if (!metric)
    throw badRequest(`Unknown metric "${id}"; GET /api/metrics lists the metrics with data.`);
  const today = dayOf(ctx.now(), ctx.settings.timezone);
  const { from, to = today, interval = 'day', repo } = query;
  if (from && from > to) throw badRequest(`from (${from}) is after to (${to}); swap them.`);
  if (from && daysBetween(from, to) > MAX_SERIES_DAYS)
    throw badRequest(
      `The range is longer than ${MAX_SERIES_DAYS} days; ask for a shorter one or a coarser interval.`,
    );
  const scope = repo ? await repoScope(ctx, metric, repo) : 'all';
  const range = { from: from ?? addDays(to, -MAX_SERIES_DAYS), to };
  const points = await ctx.cache.get(
    `series:${metric.id}:${scope}:${range.from}:${range.to}:${interval}`,
    () => readSeries(ctx.database.db, metric, scope, range, interval),
  );
  const releases = await ctx.cache.get(`releases:${scope}:${range.from}:${range.to}`, () =>
    readReleaseMarkers(ctx.database.db, ctx.settings.timezone, scope, range),
  );
  return {
    id: metric.id,
    ...namedMetric(metric, ctx.settings.okrs),
    kind: metric.kind,
    interval,
    points,
    releases,
  };
}

async function repoScope(ctx: AppContext, metric: MetricDefinition, repo: string): Promise<string> {
  if (metric.source !== 'github')
    throw badRequest(`repo applies to github.* metrics only, not ${metric.id}.`);
  const found = await findRepoByName(ctx.database.db, repo);
  if (!found) throw badRequest(`No tracked repository ${repo}.`);
  return found.id;
}
