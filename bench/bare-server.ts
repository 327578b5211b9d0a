/**
 * Bare Fastify routes, the yardstick for the API's overhead: /bare answers a tiny object; /same
 * answers the very bytes /api/okrs gave (read from the file named on the command line), as JSON.
 * Prints its URL.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const same = readFileSync(process.argv[2]!);
const app = Fastify();
app.get('/bare', async () => ({ ok: true, generatedAt: new Date().toISOString() }));
app.get('/same', async (_request, reply) =>
  reply.type('application/json; charset=utf-8').send(same),
);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${address}\n`);
