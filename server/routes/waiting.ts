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
        description:
          'One list of both kinds, paged by `offset` and `limit`; `totals` counts each kind. ' +
          '400 when `repo` is not tracked.',
        tags: ['metrics'],
        querystring: WaitingQuery,
        response: { 200: WaitingResponse, 400: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) =>
      listWaiting(
        ctx.database.db,
        ctx.settings.githubWebUrl ?? 'https://github.com',
        request.query,
      ),
  );
};
