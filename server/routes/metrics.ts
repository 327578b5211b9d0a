import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { manualDayProblem } from '../../shared/limits.js';
import { findMetric, MANUAL_METRIC } from '../kpi/metrics/index.js';
import { findRepoByName } from '../../db/queries/github.js';
import { upsertManualValue } from '../../db/queries/manual.js';
import { listRepos } from '../../db/queries/metrics.js';
import { ApiError } from '../errors.js';
import { addDays, daysBetween, dayOf } from '../../shared/dates.js';
import { readSeries, summarizeMetrics } from '../metrics/read.js';
import type { AppContext } from '../context.js';
import {
  ManualValueBody,
  ManualValueResponse,
  ReposResponse,
  MetricsResponse,
  SeriesParams,
  SeriesQuery,
  SeriesResponse,
} from '../schemas/metrics.js';

/** A series request may span at most this many days (ten years). */
export const MAX_SERIES_DAYS = 3660;

export const metricRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  const { db } = ctx.database;
  app.get(
    '/api/metrics',
    {
      schema: {
        summary: 'Every metric with data: current value and change over 7 and 30 days',
        tags: ['metrics'],
        response: { 200: MetricsResponse },
      },
    },
    async () => {
      const now = ctx.now();
      return ctx.cache.get(`metrics:${dayOf(now, ctx.settings.timezone)}`, () =>
        summarizeMetrics(db, ctx.settings.timezone, now),
      );
    },
  );

  app.get(
    '/api/repos',
    {
      schema: {
        summary: 'The tracked repositories (for the per-repo filter)',
        tags: ['metrics'],
        response: { 200: ReposResponse },
      },
    },
    async () => (await listRepos(db)).map((r) => ({ id: r.id, fullName: r.full_name })),
  );

  app.get(
    '/api/metrics/:id/series',
    {
      schema: {
        summary: 'A metric as a series by day, week or month, for all repositories or one',
        description:
          `400 for an unknown metric, when \`from\` is after \`to\`, when the range is longer than ${MAX_SERIES_DAYS} days, ` +
          'when `repo` is given for a metric that is not github.*, or when `repo` is not tracked.',
        tags: ['metrics'],
        params: SeriesParams,
        querystring: SeriesQuery,
        response: { 200: SeriesResponse },
      },
    },
    async (request) => {
      const metric = findMetric(request.params.id);
      if (!metric)
        throw new ApiError(
          400,
          'bad_request',
          `Unknown metric "${request.params.id}"; GET /api/metrics lists the metrics with data.`,
        );
      const today = dayOf(ctx.now(), ctx.settings.timezone);
      const { from, to = today, interval = 'day', repo } = request.query;
      if (from && from > to)
        throw new ApiError(400, 'bad_request', `from (${from}) is after to (${to}); swap them.`);
      if (from && daysBetween(from, to) > MAX_SERIES_DAYS) {
        throw new ApiError(
          400,
          'bad_request',
          `The range is longer than ${MAX_SERIES_DAYS} days; ask for a shorter one or a coarser interval.`,
        );
      }
      let scope = 'all';
      if (repo) {
        if (metric.source !== 'github')
          throw new ApiError(
            400,
            'bad_request',
            `repo applies to github.* metrics only, not ${metric.id}.`,
          );
        const found = await findRepoByName(db, repo);
        if (!found) throw new ApiError(400, 'bad_request', `No tracked repository ${repo}.`);
        scope = found.id;
      }
      const range = { from: from ?? addDays(to, -MAX_SERIES_DAYS), to };
      const points = await ctx.cache.get(
        `series:${metric.id}:${scope}:${range.from}:${range.to}:${interval}`,
        () => readSeries(db, metric, scope, range, interval),
      );
      return {
        id: metric.id,
        label: metric.label,
        unit: metric.unit,
        kind: metric.kind,
        interval,
        points,
      };
    },
  );

  app.post(
    '/api/metrics/:id',
    {
      config: { admin: true },
      schema: {
        summary: 'Record a value of a manual.* metric (admin)',
        description:
          '400 unless the metric is manual.<name>, `value` is a JSON number within the documented ' +
          'range and `at` is from 2000-01-01 to tomorrow. Recording the same day again replaces the value.',
        tags: ['metrics'],
        params: SeriesParams,
        body: ManualValueBody,
        response: { 201: ManualValueResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!MANUAL_METRIC.test(id))
        throw new ApiError(
          400,
          'bad_request',
          `Only manual.<name> metrics can be recorded; ${id} is collected.`,
        );
      const now = ctx.now();
      const today = dayOf(now, ctx.settings.timezone);
      const at = request.body.at ?? today;
      const late = manualDayProblem(at, today);
      if (late) throw new ApiError(400, 'bad_request', `Invalid body: at ${late}.`);
      await upsertManualValue(db, {
        metric: id,
        at,
        value: request.body.value,
        recorded_at: now.toISOString(),
        source: 'api',
      });
      await ctx.refresh();
      return reply.status(201).send({ metric: id, at, value: request.body.value });
    },
  );
};
