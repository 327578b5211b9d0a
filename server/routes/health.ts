import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../../db/connect.js';
import { healthAnswer, type CollectionSource } from '../health.js';
import { HealthResponse } from '../schemas/health.js';

export const healthRoutes: FastifyPluginAsyncTypebox<{
  database: DatabaseHandle;
  sources?: readonly CollectionSource[];
  /** Setup problems to fix (a missing token, the placeholder repository), shown as they are. */
  warnings: readonly string[];
}> = async (app, { database, sources, warnings }) => {
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
      const body = await healthAnswer(database, sources, warnings);
      return reply.status(body.status === 'error' ? 503 : 200).send(body);
    },
  );
};
