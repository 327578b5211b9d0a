/**
 * The security headers every answer carries (a strict CSP, no framing, no sniffing, same-origin
 * isolation), as helmet defines them, computed once at start. @fastify/helmet runs helmet's
 * middleware chain on Node's raw response for every request: measured at ~25 µs a request, more
 * than everything else a ready `/api/okrs` answer costs. The headers never vary per request here
 * (no CSP nonces), so they are set from one frozen object instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Svelte transitions and chart.js set inline style attributes; scripts stay strict.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** What helmet sets on a response, read from its middleware run once on a recording response. */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  const middleware = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Self-hosted dashboards often run on plain http inside a network.
    strictTransportSecurity: false,
  });
  let done = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  // Helmet's chain is synchronous for static directives; anything else would be a silent gap.
  if (!done)
    throw new Error('helmet did not finish synchronously; its headers cannot be precomputed');
  return Object.freeze(headers);
}

/** Sets the headers on every answer, before any route or error handler runs. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, next) => {
    reply.headers(headers);
    next();
  });
}
