import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DatabaseHandle } from '../../db/connect.js';
import { findLastFinishedRun, pingDatabase } from '../../db/queries/health.js';
import type { CollectionRun } from '../../db/schema.js';
import { HealthResponse } from '../schemas/health.js';

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: DatabaseHandle }> = async (
  app,
  { database },
) => {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Is the server up, is the database reachable, how did the last collection go',
        tags: ['operations'],
        response: { 200: HealthResponse, 503: HealthResponse },
      },
    },
    async (_request, reply) => {
      const reachable = await pingDatabase(database.db);
      const [run, github, discord] = reachable
        ? await Promise.all([
            findLastFinishedRun(database.db),
            findLastFinishedRun(database.db, 'github'),
            findLastFinishedRun(database.db, 'discord'),
          ])
        : [];
      const body: HealthResponse = {
        status: reachable ? 'ok' : 'error',
        db: { status: reachable ? 'ok' : 'unreachable', dialect: database.dialect },
        lastRun: runInfo(run),
        sources: { github: runInfo(github), discord: runInfo(discord) },
      };
      return reply.status(reachable ? 200 : 503).send(body);
    },
  );
};

function runInfo(run: CollectionRun | undefined) {
  return run
    ? { source: run.source, finishedAt: run.finished_at!, ok: run.ok === 1, error: run.error }
    : null;
}
