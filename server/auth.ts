/**
 * Admin routes: `Authorization: Bearer $PULSEBOARD_ADMIN_TOKEN`, compared in constant time.
 * Without the variable they are off (403), so a fresh install exposes no write routes.
 * The guard runs when the request arrives, before its body is read or validated: an anonymous
 * caller gets a 401 and learns nothing about the body the route expects. Failed attempts are
 * counted per client; over the budget every admin attempt waits (429), the right token included,
 * so guessing it costs minutes, not seconds.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import type { WindowLimit } from './limits.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function adminGuard(adminToken: string | null, failures: WindowLimit) {
  const expected = adminToken ? digest(adminToken) : null;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!expected) {
      throw new ApiError(
        403,
        'forbidden',
        'Admin routes are off; set PULSEBOARD_ADMIN_TOKEN on the server to turn them on.',
      );
    }
    const wait = failures.waitSeconds(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new ApiError(
        429,
        'rate_limited',
        `Too many failed admin logins from this address; try again in ${wait} s.`,
      );
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    // Hashing first makes both sides the same length, so the comparison time says nothing.
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      failures.count(request.ip);
      throw new ApiError(
        401,
        'unauthorized',
        'This route needs Authorization: Bearer <PULSEBOARD_ADMIN_TOKEN>.',
      );
    }
  };
}
