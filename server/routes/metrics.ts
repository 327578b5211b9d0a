import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { recordManualValue } from '../metrics/manual.js';
import { listTrackedRepos, summarizeMetrics } from '../metrics/read.js';
import { NOT_MODIFIED, sendReady } from '../metrics/ready.js';
import { MAX_SERIES_DAYS, planSeries } from '../metrics/series.js';
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

type App = Parameters<FastifyPluginAsyncTypebox<AppContext>>[0];

export const metricRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  readRoutes(app, ctx);
  recordRoute(app, ctx);
};

/** What the dashboard reads: the summaries, the repositories and a metric's series. */
function readRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/metrics',
    {
      compress: false, // sendReady compresses once per rollup version
      decompress: false, // a GET has no body: no per-request look at content-encoding
      schema: {
        summary: 'Every metric with data: current value and change over 7 and 30 days',
        tags: ['metrics'],
        response: { 200: MetricsResponse, 304: NOT_MODIFIED },
      },
    },
    // Not async: a ready answer is sent at once, without a promise (sendReady).
    (request, reply) => {
      return sendReady(ctx.cache, request, reply, `metrics:${ctx.today()}`, () =>
        summarizeMetrics(ctx.database.db, ctx.settings.timezone, ctx.now(), ctx.settings.okrs),
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
    () => listTrackedRepos(ctx.database.db),
  );

  app.get(
    '/api/metrics/:id/series',
    {
      compress: false, // sendReady compresses once per rollup version
      decompress: false, // a GET has no body: no per-request look at content-encoding
      schema: {
        summary: 'A metric as a series by day, week or month, for all repositories or one',
        description:
          `400 for an unknown metric, when \`from\` is after \`to\`, when the range is longer than ${MAX_SERIES_DAYS} days, ` +
          'when `repo` is given for a metric that is not github.*, or when `repo` is not tracked.',
        tags: ['metrics'],
        params: SeriesParams,
        querystring: SeriesQuery,
        response: { 200: SeriesResponse, 304: NOT_MODIFIED },
      },
    },
    async (request, reply) => {
      const { key, compute } = await planSeries(ctx, request.params.id, request.query);
      return sendReady(ctx.cache, request, reply, key, compute);
    },
  );
}

/** An admin records a value of a manual.* metric. */
function recordRoute(app: App, ctx: AppContext) {
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
    async (request, reply) =>
      reply.status(201).send(await recordManualValue(ctx, request.params.id, request.body)),
  );
}
