/**
 * What the server logs. `problems` (`pulseboard start`, `demo`): warnings and errors only.
 * `requests` (`--verbose`): every request in and out, each line with its request id, as Fastify logs
 * them. Either way the bearer token is never written. Without either, nothing is logged (tests).
 */
import type { FastifyServerOptions } from 'fastify';

export type ServerLog = 'problems' | 'requests';

/** Fastify's logging options for a `log` setting. */
export function loggingOptions(
  log: ServerLog | undefined,
): Pick<FastifyServerOptions, 'logger'> {
  if (!log) return { logger: false };
  const redact = ['req.headers.authorization'];
  return { logger: { level: log === 'requests' ? 'info' : 'warn', redact } };
}
