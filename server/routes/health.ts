import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../../db/connect.js';
import { readHealth, type CollectionSource } from '../health.js';
import { HealthResponse } from '../schemas/health.js';

export const healthRoutes: FastifyPluginAsyncTypebox<{
  database: DatabaseHandle;
  sources?: readonly CollectionSource[];
}> = async (app, { database, sources }) => {
  app.get(
    '/api/health',
    {
      schema: {
        summary:
          'Is the server up, is the database reachable, did the latest pass of each source succeed',
        tags: ['operations'],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const body = await readHealth(database, sources);
      return reply.status(body.status === 'error' ? 503 : 200).send(body);
    },
  );
};
