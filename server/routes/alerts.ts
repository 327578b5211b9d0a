import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listAlertEvents } from '../../db/queries/alerts.js';
import type { AppContext } from '../context.js';
import { AlertsQuery, AlertsResponse, type AlertRecord } from '../schemas/alerts.js';

export const alertRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  app.get(
    '/api/alerts',
    {
      schema: {
        summary: 'The alerts sent (and held back by the hourly cap), newest first',
        tags: ['operations'],
        querystring: AlertsQuery,
        response: { 200: AlertsResponse, 400: { $ref: 'ErrorBody#' } },
      },
    },
    async (request) => {
      const rows = await listAlertEvents(ctx.database.db, request.query.limit ?? 50);
      return rows.map((r): AlertRecord => ({
        key: r.key,
        kind: r.kind as AlertRecord['kind'],
        subject: r.subject,
        title: r.title,
        message: r.message,
        status: r.status,
        createdAt: r.created_at,
        sentAt: r.sent_at,
        channels: r.channels ? (JSON.parse(r.channels) as string[]) : [],
        error: r.error,
      }));
    },
  );
};
