/**
 * What the server logs. `problems` (`pulseboard start`, `demo`): warnings and errors only, through a
 * logger of ours that every request shares; Fastify's own logger stays off, since with one it times
 * and logs every request whatever the level (a pino child per request for its id, two listeners on
 * each response, the "incoming request" and "request completed" calls): 5% of a ready `/api/okrs`
 * answer's instructions, for lines the level drops. `requests` (`--verbose`): Fastify's logging,
 * every request in and out with its id. Either way the bearer token is never written. Without
 * either, nothing is logged (tests).
 */
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import pino, { type DestinationStream } from 'pino';

export type ServerLog = 'problems' | 'requests';

const redact = ['req.headers.authorization'];

/** Fastify's own serializers' fields, for the problem lines that name the request or the reply. */
const serializers = {
  err: pino.stdSerializers.err,
  req: (request: FastifyRequest) => ({
    method: request.method,
    url: request.url,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
  res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
};

/** Fastify's logging options for a `log` setting, to standard output unless `stream` is given. */
export function loggingOptions(
  log: ServerLog | undefined,
  stream?: DestinationStream,
): Pick<FastifyServerOptions, 'logger' | 'childLoggerFactory'> {
  if (!log) return { logger: false };
  if (log === 'requests') return { logger: { level: 'info', redact, stream } };
  const problems = pino({ level: 'warn', redact, serializers }, stream);
  return {
    logger: false,
    // A request's log (its handlers' and Fastify's warnings and errors about it) is ours, without
    // the request id, which tied its lines to its "incoming request" line, not written at this level.
    // Not written any more: "request errored" (Fastify listens for a response's error only with its
    // logger on) and what Fastify logs with the server's own logger (a failing onClose hook).
    childLoggerFactory: () => problems,
  };
}
