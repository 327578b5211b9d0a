import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../app.js';
import { ApiError } from '../errors.js';
import { dayOf, daysBetween } from '../kpi/dates.js';
import { CONTENT_TYPES, renderReport, type ReportFormat } from '../report/index.js';
import { ExportBusyError, ExportTimeoutError } from '../report/exports.js';
import { buildReport, reportRange } from '../report/model.js';
import { PdfUnavailableError } from '../report/pdf.js';
import { ReportBody, ReportParams, ReportQuery } from '../schemas/report.js';

const MAX_REPORT_DAYS = 3660;

export const reportRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/report.:format',
    {
      schema: {
        summary: 'The KPI report for the steering committee, as Markdown, CSV, JSON, HTML or PDF',
        description:
          `400 when \`from\` is after \`to\` or the period is longer than ${MAX_REPORT_DAYS} days. ` +
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
      const range = reportRange(now, ctx.settings.timezone, request.query.from, request.query.to);
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
      const body = await exportReport(ctx, request.ip, format, range, now);
      const name = `pulseboard-report-${range.from}-${range.to}.${format}`;
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
  range: { from: string; to: string },
  now: Date,
): Promise<string | Buffer> {
  const expensive = format === 'pdf';
  const wait = expensive ? ctx.exportBudget.waitSeconds(client) : 0;
  if (wait > 0)
    throw new ApiError(
      429,
      'rate_limited',
      `Too many new PDF exports from this address; try again in ${wait} s (or export HTML).`,
    );
  const day = dayOf(now, ctx.settings.timezone);
  const key = `report:${format}:${range.from}:${range.to}:${day}`;
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
