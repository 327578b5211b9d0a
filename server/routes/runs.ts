import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listRecentRuns, readRunDetail } from '../../db/queries/runs.js';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { CollectResponse, RunsQuery, RunsResponse } from '../schemas/runs.js';

export const runRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/runs',
    {
      schema: {
        summary: 'Recent collection runs: source, times, requests and points spent, rows, outcome',
        tags: ['operations'],
        querystring: RunsQuery,
        response: { 200: RunsResponse },
      },
    },
    async (request) => {
      const runs = await listRecentRuns(ctx.database.db, request.query.limit ?? 50);
      return runs.map((r) => ({
        id: r.id,
        source: r.source,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        ok: r.ok === null ? null : r.ok === 1,
        requests: r.requests,
        points: r.points,
        rows: r.rows,
        error: r.error,
        notes: readRunDetail(r).notes,
      }));
    },
  );

  app.post(
    '/api/collect',
    {
      config: { admin: true },
      schema: {
        summary: 'Start a collection pass now (admin); 409 while one is running',
        tags: ['operations'],
        response: { 202: CollectResponse, 409: { $ref: 'ErrorBody#' } },
      },
    },
    async (_request, reply) => {
      if (!ctx.collect)
        throw new ApiError(
          403,
          'forbidden',
          'This server does not collect (it was started without a collector).',
        );
      const outcome = await ctx.collect();
      if (outcome === 'busy')
        throw new ApiError(
          409,
          'conflict',
          'A collection is already running; try again when it has finished (GET /api/runs).',
        );
      return reply.status(202).send({ started: true });
    },
  );
};
