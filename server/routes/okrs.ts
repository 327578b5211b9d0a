import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { dayOf } from '../../shared/dates.js';
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
    async () => {
      const { settings } = ctx;
      const now = ctx.now();
      // Evaluated once per rollup version and day (the day moves `today` in the evaluation).
      return ctx.cache.get(`okrs:${dayOf(now, settings.timezone)}`, () =>
        evaluateOkrs(ctx.database.db, settings.project, settings.okrs, settings.timezone, now),
      );
    },
  );
};
