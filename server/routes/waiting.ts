import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { listWaiting } from '../metrics/waiting.js';
import { WaitingQuery, WaitingResponse } from '../schemas/waiting.js';

export const waitingRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/waiting',
    {
      schema: {
        summary: 'Open issues and pull requests waiting for a first response, oldest first',
        tags: ['metrics'],
        querystring: WaitingQuery,
        response: { 200: WaitingResponse, 400: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) =>
      listWaiting(
        ctx.database.db,
        ctx.settings.githubWebUrl ?? 'https://github.com',
        request.query.limit ?? 100,
      ),
  );
};
