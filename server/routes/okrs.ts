import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { NOT_MODIFIED, sendReady } from '../metrics/ready.js';
import { currentOkrs } from '../okrs-answer.js';
import { OkrsResponse } from '../schemas/okrs.js';

export const okrRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/okrs',
    {
      compress: false, // sendReady compresses once per rollup version
      decompress: false, // a GET has no body: no per-request look at content-encoding
      schema: {
        summary:
          'Every objective and key result: baseline, current, pace, progress, forecast, ETA and status',
        tags: ['okrs'],
        response: { 200: OkrsResponse, 304: NOT_MODIFIED },
      },
    },
    // Not async: a ready answer is sent at once, without a promise (sendReady).
    // Serialized once per rollup version and day, from the evaluation the overview page shares.
    (request, reply) =>
      sendReady(ctx.cache, request, reply, `okrs:${ctx.today()}`, () => currentOkrs(ctx)),
  );
};
