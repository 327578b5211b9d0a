/**
 * What every API route promises, applied once here rather than repeated (and forgotten) in each
 * route file: unknown query parameters are a 400; the error statuses any route can answer (400,
 * 404, 405, 413, 414, 415, 429, 431) are in the OpenAPI document; admin routes (`config.admin`)
 * check the bearer token before anything else and say so in the document; and a known path asked
 * with the wrong method answers 405 with `Allow`, not 404.
 */
import type { FastifyInstance, onRequestHookHandler, RouteOptions } from 'fastify';
import { Type } from 'typebox';
import { adminGuard } from './auth.js';
import { ApiError } from './errors.js';
import type { WindowLimit } from './limits.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Needs `Authorization: Bearer $PULSEBOARD_ADMIN_TOKEN`. */
    admin?: boolean;
    /** One of the 405 stand-ins this module adds (not part of the API). */
    wrongMethod?: boolean;
  }
}

export const BEARER_SCHEME = 'adminToken';

/** A route without query parameters refuses any. */
const NoQuery = Type.Object({}, { additionalProperties: false });

const ERROR_REF = { $ref: 'ErrorBody#' };
const EVERY_ROUTE = [400, 404, 405, 413, 414, 415, 429, 431];
const ADMIN_ONLY = [401, 403];
const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;

const isApiRoute = (url: string) => url.startsWith('/api/') && !url.startsWith('/api/docs');

/**
 * Installs the contract on routes registered after this call. Call the returned function once every
 * API route is registered: it adds the 405 answers for the methods no route takes.
 */
export function enforceApiContract(
  app: FastifyInstance,
  options: { adminToken: string | null; failedLogins: WindowLimit },
): () => void {
  const guard = adminGuard(options.adminToken, options.failedLogins);
  const methodsByUrl = new Map<string, Set<string>>();

  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url) || route.config?.wrongMethod) return;
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    methodsByUrl.set(route.url, methods);
    const admin = route.config?.admin === true;
    route.schema = documented(route.schema ?? {}, admin);
    // After the rate limit's own hook (registered earlier), before the body is read.
    if (admin) route.onRequest = [...hooksOf(route.onRequest), guard as onRequestHookHandler];
  });

  return () => {
    for (const [url, methods] of methodsByUrl) {
      const allow = [...methods].sort().join(', ');
      const missing = METHODS.filter((m) => !methods.has(m));
      if (missing.length === 0) continue;
      app.route({
        method: missing,
        url,
        schema: { hide: true },
        config: { wrongMethod: true },
        // Before the body is read: the method is wrong whatever the body says.
        preParsing: async (request, reply) => {
          reply.header('allow', allow);
          throw new ApiError(
            405,
            'method_not_allowed',
            `${request.method} is not allowed on ${url}; use ${allow}.`,
          );
        },
        handler: async () => undefined,
      });
    }
  };
}

function hooksOf<T>(hooks: T | T[] | undefined): T[] {
  if (!hooks) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

function documented(schema: NonNullable<RouteOptions['schema']>, admin: boolean) {
  const response = { ...(schema.response as Record<string, unknown> | undefined) };
  for (const status of [...EVERY_ROUTE, ...(admin ? ADMIN_ONLY : [])])
    response[status] ??= ERROR_REF;
  return {
    ...schema,
    querystring: schema.querystring ?? NoQuery,
    response,
    ...(admin ? { security: [{ [BEARER_SCHEME]: [] }] } : {}),
  };
}
