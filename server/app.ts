/**
 * buildApp(deps) assembles the HTTP application: security headers, rate limit, OpenAPI docs,
 * the API routes and the built dashboard. It never listens; `cli` does, tests use `inject()`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { DatabaseHandle } from '../db/connect.js';
import { todayIn } from '../shared/dates.js';
import {
  answerClientError,
  answerFrameworkError,
  errorBody,
  installErrorHandling,
} from './errors.js';
import { BEARER_SCHEME, enforceApiContract } from './contract.js';
import { isApiPath, routedPath, WindowLimit } from './limits.js';
import {
  limitApiNotFound,
  limitApiRoutes,
  rateLimitHook,
  type RateLimitHook,
} from './rate-limit.js';
import { RollupCache } from './metrics/cache.js';
import { refreshDailyMetrics } from './metrics/refresh.js';
import type { CollectionSource } from './health.js';
import { ExportQueue } from './report/exports.js';
import { findChromium, printPdf, type PdfPrinter } from './report/pdf.js';
import { alertRoutes } from './routes/alerts.js';
import { badgeRoutes } from './routes/badges.js';
import { healthRoutes } from './routes/health.js';
import { metricRoutes } from './routes/metrics.js';
import { okrRoutes } from './routes/okrs.js';
import { reportRoutes } from './routes/report.js';
import { runRoutes } from './routes/runs.js';
import { waitingRoutes } from './routes/waiting.js';
import { ErrorBody } from './schemas/error.js';
import type { AppContext, AppSettings } from './context.js';
import { buildStrictValidator } from './validation.js';
import { registerCompression, REVALIDATE, spaStaticOptions } from './serving.js';
import { registerSecurityHeaders } from './security-headers.js';
import { loggingOptions, type ServerLog } from './logging.js';
import { OverviewPage } from './overview-page.js';

export interface AppDeps {
  database: DatabaseHandle;
  settings?: AppSettings;
  now?: () => Date;
  collect?: AppContext['collect'];
  /** Folder of the built SPA (index.html + assets); null serves a short placeholder page. */
  webRoot?: string | null;
  /** What the server logs (logging.ts); nothing when absent. */
  log?: ServerLog;
  /** Requests per minute per client on /api; false turns the limit off. */
  rateLimitPerMinute?: number | false;
  /** The sources the config collects (health ignores the others' old runs); default both. */
  sources?: readonly CollectionSource[];
  /** Failed admin logins per client and minute before admin routes answer 429 (default 10). */
  failedLoginsPerMinute?: number;
  /** New PDF exports per client and minute (default 10), their deadline (default 60 s) and queue (4). */
  exports?: { perMinute?: number; timeoutMs?: number; maxPending?: number };
  /** Prints HTML to PDF (default: the system Chromium). */
  printPdf?: PdfPrinter;
}

export type { AppContext, AppSettings };

export const API_VERSION = '0.1.0';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = createFastify(deps);
  installErrorHandling(app);
  // The API takes JSON bodies only; anything else is a 415, not text handed to a JSON schema.
  app.removeContentTypeParser('text/plain');
  app.addSchema(ErrorBody);
  await registerCompression(app);
  const limit =
    deps.rateLimitPerMinute === false ? null : rateLimitHook(deps.rateLimitPerMinute ?? 600);
  registerProtection(app, limit);
  await registerOpenApi(app);
  const context = buildContext(deps);
  await registerRoutes(app, deps, context);
  await registerSwaggerUi(app);
  await registerDashboard(app, deps, context, limit);
  return app;
}

type App = ReturnType<typeof createFastify>;

function createFastify(deps: AppDeps) {
  return Fastify({
    ...loggingOptions(deps.log),
    routerOptions: { ignoreTrailingSlash: true },
    // Unknown query parameters and body fields are errors (a typo should not pass silently); query
    // numbers are plain digits and body values are never converted (see validation.ts).
    schemaController: { compilersFactory: { buildValidator: buildStrictValidator as never } },
    // Errors the router raises before any handler (a bad URL, a path segment that is too long).
    frameworkErrors: (error, _request, reply) =>
      answerFrameworkError(error, reply as unknown as FastifyReply),
    // Errors Node's parser raises before Fastify sees the request (431 headers too large).
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
}

/**
 * Security headers (a strict CSP) on every answer, and the per-client rate limit (rate-limit.ts) on
 * the API routes, the rendered overview and an API path's 404 (`registerDashboard`).
 */
function registerProtection(app: App, limit: RateLimitHook | null) {
  registerSecurityHeaders(app);
  if (limit) limitApiRoutes(app, limit);
}

async function registerOpenApi(app: App) {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pulseboard API',
        version: API_VERSION,
        description:
          'Community-health KPIs against OKR targets. Errors are {error: {code, message}}. ' +
          'Unknown query parameters are a 400; numbers in query strings are plain decimal digits; ' +
          'JSON body values are never converted (a string is not a number).',
      },
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description:
              'PULSEBOARD_ADMIN_TOKEN. Without it set on the server, admin routes answer 403. ' +
              'More than 10 failed attempts a minute from one address answer 429 for the rest of the minute.',
          },
        },
      },
    },
  });
}

function buildContext(deps: AppDeps): AppContext {
  const settings = deps.settings ?? {
    project: 'Pulseboard',
    timezone: 'UTC',
    okrs: [],
    adminToken: null,
  };
  const now = deps.now ?? (() => new Date());
  const cache = new RollupCache(deps.database.db);
  return {
    database: deps.database,
    settings,
    now,
    today: todayIn(now, settings.timezone),
    refresh: async () => {
      await refreshDailyMetrics(deps.database.db, settings.timezone, now());
      cache.invalidate();
    },
    collect: deps.collect ?? null,
    cache,
    exports: new ExportQueue(deps.exports?.timeoutMs ?? 60_000, deps.exports?.maxPending ?? 4),
    exportBudget: new WindowLimit(deps.exports?.perMinute ?? 10, 60_000),
    printPdf: deps.printPdf ?? ((html, signal) => printPdf(html, findChromium(), signal)),
  };
}

async function registerRoutes(app: App, deps: AppDeps, context: AppContext) {
  const addWrongMethods = enforceApiContract(app, {
    adminToken: context.settings.adminToken,
    failedLogins: new WindowLimit(deps.failedLoginsPerMinute ?? 10, 60_000),
  });
  await app.register(healthRoutes, {
    database: deps.database,
    sources: deps.sources,
    warnings: context.settings.warnings ?? [],
  });
  await app.register(okrRoutes, context);
  await app.register(metricRoutes, context);
  await app.register(runRoutes, context);
  await app.register(waitingRoutes, context);
  await app.register(reportRoutes, context);
  await app.register(alertRoutes, context);
  await app.register(badgeRoutes, context);
  addWrongMethods();
}

async function registerSwaggerUi(app: App) {
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Its default CSP upgrades every request to https, which leaves the page blank on a
    // dashboard served over plain http on a host name other than localhost.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
}

/**
 * The built SPA with the overview rendered on the server (overview-page.ts), and the 404s: JSON for
 * the API, the SPA (or a placeholder) for pages.
 */
async function registerDashboard(
  app: App,
  deps: AppDeps,
  context: AppContext,
  limit: RateLimitHook | null,
) {
  const webRoot =
    deps.webRoot && existsSync(join(deps.webRoot, 'index.html')) ? deps.webRoot : null;
  if (webRoot) {
    await app.register(fastifyStatic, spaStaticOptions(webRoot));
    const overview = new OverviewPage(context, {
      webRoot,
      sources: deps.sources,
      warnings: context.settings.warnings ?? [],
    });
    // Without the SSR build (or when rendering fails) `/` is the plain index.html, as any page.
    app.get('/', { schema: { hide: true } }, async (request, reply) =>
      (await overview.send(request, reply))
        ? reply
        : reply.header('cache-control', REVALIDATE).type('text/html').sendFile('index.html'),
    );
  }
  // A path no route takes counts against the API's budget when it is an API path.
  const limitNotFound = limit ? { preHandler: limitApiNotFound(limit) } : {};
  app.setNotFoundHandler(limitNotFound, async (request, reply) => {
    const wantsPage = request.method === 'GET' && !isApiPath(request);
    if (!wantsPage) {
      return reply
        .status(404)
        .send(
          errorBody(
            'not_found',
            `No route ${request.method} ${routedPath(request)}; see /api/docs.`,
          ),
        );
    }
    // Client-side routes (/metrics/github.stars) load the SPA, which routes itself.
    if (webRoot)
      return reply.header('cache-control', REVALIDATE).type('text/html').sendFile('index.html');
    return reply.type('text/html').send(PLACEHOLDER_PAGE);
  });
}

const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pulseboard</title></head>
<body><h1>Pulseboard</h1>
<p>The API is running (<a href="/api/health">/api/health</a>, <a href="/api/docs">/api/docs</a>),
but the dashboard has not been built. Run <code>npm run build</code> and restart.</p>
</body></html>`;
