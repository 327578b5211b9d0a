/**
 * Bare Fastify routes, the yardstick for the API's overhead: /bare answers a tiny object; /same
 * answers the very response /api/okrs gave: its bytes (the file named on the command line) with its
 * headers (`FILE.json` beside it, from `captureAnswer`: security headers, ETag, cache control), set
 * from one object, so the two differ only in the work done to decide them. Prints its URL.
 */
import { existsSync, readFileSync } from 'node:fs';
import Fastify from 'fastify';

const same = readFileSync(process.argv[2]!);
const headersFile = `${process.argv[2]!}.json`;
const sameHeaders: Record<string, string> = existsSync(headersFile)
  ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>)
  : { 'content-type': 'application/json; charset=utf-8' };
const app = Fastify();
app.get('/bare', async () => ({ ok: true, generatedAt: new Date().toISOString() }));
app.get('/same', async (_request, reply) => reply.headers(sameHeaders).send(same));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
