/**
 * How the dashboard's files and the API's answers travel: compressed (br/gzip, by the client's
 * Accept-Encoding) above 1 KB, hashed assets cached for a year as immutable (their names change
 * with their content), and index.html revalidated on every load so a new build shows at once.
 */
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import type { FastifyStaticOptions } from '@fastify/static';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Registered before the routes it covers (Fastify applies it to routes added afterwards). */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
}

/** @fastify/static settings for the built SPA: Vite names every file under assets/ by its hash. */
export function spaStaticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    index: 'index.html',
    cacheControl: false,
    setHeaders: (reply, path) => {
      const hashed = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+$/.test(path);
      reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE);
    },
  };
}
