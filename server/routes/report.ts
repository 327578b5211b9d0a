import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context.js';
import { ApiError } from '../errors.js';
import { dayOf } from '../../shared/dates.js';
import { CONTENT_TYPES, renderReport, type ReportFormat } from '../report/index.js';
import { ExportBusyError, ExportTimeoutError } from '../report/exports.js';
import { buildReport } from '../report/model.js';
import { PdfUnavailableError } from '../report/pdf.js';
import {
  MAX_REPORT_DAYS,
  ReportPeriodError,
  resolveReportRange,
  type ReportRange,
} from '../report/period.js';
import { ReportBody, ReportParams, ReportQuery } from '../schemas/report.js';

export const reportRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/report.:format',
    {
      schema: {
        summary: 'The KPI report for the steering committee, as Markdown, CSV, JSON, HTML or PDF',
        description:
          `400 when \`from\` is after \`to\`, the period is longer than ${MAX_REPORT_DAYS} days, ` +
          'or `quarter` is given together with `from`/`to`. ' +
          'Reports are cached until the data changes. PDFs are printed one at a time: 429 when a ' +
          'client asks for more new PDFs than its budget per minute, 503 when the queue is full, ' +
          'the export times out, or no Chromium is installed.',
        tags: ['reports'],
        params: ReportParams,
        querystring: ReportQuery,
        response: { 200: ReportBody, 503: { $ref: 'ErrorBody#' } },
      },
    },
    async (request, reply) => {
      const { format } = request.params;
      const now = ctx.now();
      const today = dayOf(now, ctx.settings.timezone);
      let range: ReportRange;
      try {
        range = resolveReportRange(today, request.query);
      } catch (error) {
        if (error instanceof ReportPeriodError)
          throw new ApiError(400, 'bad_request', error.message);
        throw error;
      }
      const body = await exportReport(ctx, request.ip, format, range, now, today);
      const name = `pulseboard-report-${range.quarter ?? `${range.from}-${range.to}`}.${format}`;
      reply.type(CONTENT_TYPES[format]);
      if (format !== 'html' && format !== 'json')
        reply.header('content-disposition', `attachment; filename="${name}"`);
      return reply.send(body);
    },
  );
};

/** The report, from the cache while the rollups are unchanged; a new PDF waits its turn. */
async function exportReport(
  ctx: AppContext,
  client: string,
  format: ReportFormat,
  range: ReportRange,
  now: Date,
  today: string,
): Promise<string | Buffer> {
  const expensive = format === 'pdf';
  const wait = expensive ? ctx.exportBudget.waitSeconds(client) : 0;
  if (wait > 0)
    throw new ApiError(
      429,
      'rate_limited',
      `Too many new PDF exports from this address; try again in ${wait} s (or export HTML).`,
    );
  // The quarter is part of the key: a quarter's report names and compares itself as one, so it
  // differs from the same days asked for with from/to. `today` decides the as-of day.
  const key = `report:${format}:${range.quarter ?? '-'}:${range.from}:${range.to}:${today}`;
  try {
    return await ctx.cache.get(key, async () => {
      const model = await buildReport(ctx.database.db, ctx.settings, range, now);
      if (!expensive) return renderReport(model, format);
      ctx.exportBudget.count(client);
      return ctx.exports.run((signal) =>
        renderReport(model, format, (html) => ctx.printPdf(html, signal)),
      );
    });
  } catch (error) {
    if (
      error instanceof PdfUnavailableError ||
      error instanceof ExportBusyError ||
      error instanceof ExportTimeoutError
    )
      throw new ApiError(503, 'unavailable', error.message);
    throw error;
  }
}
