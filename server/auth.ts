/**
 * Admin routes: `Authorization: Bearer $PULSEBOARD_ADMIN_TOKEN`, compared in constant time.
 * Without the variable they are off (403), so a fresh install exposes no write routes.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function adminGuard(adminToken: string | null) {
  const expected = adminToken ? digest(adminToken) : null;
  return async (request: FastifyRequest) => {
    if (!expected) {
      throw new ApiError(
        403,
        'forbidden',
        'Admin routes are off; set PULSEBOARD_ADMIN_TOKEN on the server to turn them on.',
      );
    }
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    // Hashing first makes both sides the same length, so the comparison time says nothing.
    if (!match || !timingSafeEqual(digest(match[1]!), expected)) {
      throw new ApiError(
        401,
        'unauthorized',
        'This route needs Authorization: Bearer <PULSEBOARD_ADMIN_TOKEN>.',
      );
    }
  };
}
