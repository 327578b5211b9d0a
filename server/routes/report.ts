import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../app.js';
import { ApiError } from '../errors.js';
import { daysBetween } from '../kpi/dates.js';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport } from '../report/index.js';
import { buildReport, reportRange } from '../report/model.js';
import { PdfUnavailableError } from '../report/pdf.js';

const MAX_REPORT_DAYS = 3660;

export const reportRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/report.:format',
    {
      schema: {
        summary: 'The KPI report for the steering committee, as Markdown, CSV, JSON, HTML or PDF',
        tags: ['reports'],
        params: Type.Object({ format: Type.Enum(REPORT_FORMATS) }),
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: 'date' })),
            to: Type.Optional(Type.String({ format: 'date' })),
          },
          { additionalProperties: false },
        ),
        response: { 400: { $ref: 'ErrorBody#' }, 503: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const { format } = request.params;
      const range = reportRange(
        ctx.now(),
        ctx.settings.timezone,
        request.query.from,
        request.query.to,
      );
      if (range.from > range.to)
        throw new ApiError(
          400,
          'bad_request',
          `from (${range.from}) is after to (${range.to}); swap them.`,
        );
      if (daysBetween(range.from, range.to) > MAX_REPORT_DAYS)
        throw new ApiError(
          400,
          'bad_request',
          `The period is longer than ${MAX_REPORT_DAYS} days; ask for a shorter one.`,
        );
      const model = await buildReport(ctx.database.db, ctx.settings, range, ctx.now());
      try {
        const body = await renderReport(model, format);
        const name = `pulseboard-report-${range.from}-${range.to}.${format}`;
        reply.type(CONTENT_TYPES[format]);
        if (format !== 'html' && format !== 'json')
          reply.header('content-disposition', `attachment; filename="${name}"`);
        return reply.send(body);
      } catch (error) {
        if (error instanceof PdfUnavailableError)
          throw new ApiError(503, 'unavailable', error.message);
        throw error;
      }
    },
  );
};
