import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../app.js';
import { evaluateOkrs } from '../metrics/read.js';
import { OkrsResponse } from '../schemas/okrs.js';

export const okrRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/okrs',
    {
      schema: {
        summary:
          'Every objective and key result: baseline, current, pace, progress, forecast, ETA and status',
        tags: ['okrs'],
        response: { 200: OkrsResponse },
      },
    },
    async () =>
      evaluateOkrs(
        ctx.database.db,
        ctx.settings.project,
        ctx.settings.okrs,
        ctx.settings.timezone,
        ctx.now(),
      ),
  );
};
