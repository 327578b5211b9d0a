/**
 * SVG badges and charts to embed in a README (`![stars](https://…/api/badges/metric/github.stars.svg)`).
 * Computed once per rollup version and day, with an ETag, so a README's image proxy revalidating
 * costs a 304; `Cross-Origin-Resource-Policy: cross-origin` lets other sites show them.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { createBadgeSource, type Svg } from '../badges/cached.js';
import type { ChartRange } from '../badges/read.js';
import { ApiError } from '../errors.js';
import { BadgeParams, ChartQuery, SvgResponses } from '../schemas/badges.js';

/** Browsers and image proxies may reuse an image this long before asking again (with the ETag). */
export const BADGE_MAX_AGE_S = 300;

export const badgeRoutes: FastifyPluginAsyncTypebox<AppContext> = async (app, ctx) => {
  const badges = createBadgeSource(ctx);

  app.get(
    '/api/badges/kr/:id.svg',
    {
      schema: {
        summary: "A key result's badge: its label, current value and status (colour by status)",
        tags: ['badges'],
        params: BadgeParams,
        response: SvgResponses('The badge'),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const svg = await badges.keyResult(id);
      if (!svg)
        throw new ApiError(404, 'not_found', `No key result "${id}"; GET /api/okrs lists them.`);
      return sendSvg(request, reply, svg);
    },
  );

  app.get(
    '/api/badges/metric/:id.svg',
    {
      schema: {
        summary: "A metric's badge: its label and current value",
        tags: ['badges'],
        params: BadgeParams,
        response: SvgResponses('The badge'),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const svg = await badges.metric(id);
      if (!svg) throw unknownMetric(id);
      return sendSvg(request, reply, svg);
    },
  );

  app.get(
    '/api/charts/metric/:id.svg',
    {
      schema: {
        summary:
          "A small line chart of a metric, with a key result's target line when one tracks it",
        tags: ['badges'],
        params: BadgeParams,
        querystring: ChartQuery,
        response: SvgResponses('The chart'),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const range = (request.query.range ?? '1y') as ChartRange;
      const svg = await badges.chart(id, range);
      if (!svg) throw unknownMetric(id);
      return sendSvg(request, reply, svg);
    },
  );
};

const unknownMetric = (id: string) =>
  new ApiError(
    404,
    'not_found',
    `No metric "${id}"; GET /api/metrics lists the metrics with data.`,
  );

function sendSvg(request: FastifyRequest, reply: FastifyReply, svg: Svg) {
  reply
    .header('etag', svg.etag)
    .header('cache-control', `public, max-age=${BADGE_MAX_AGE_S}`)
    .header('cross-origin-resource-policy', 'cross-origin');
  if (matches(request.headers['if-none-match'], svg.etag)) return reply.status(304).send();
  return reply.type('image/svg+xml; charset=utf-8').send(svg.body);
}

/** `If-None-Match` is a list of ETags (weak ones compare equal too), or `*`. */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
