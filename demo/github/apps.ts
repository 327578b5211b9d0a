/**
 * GitHub Apps in the stand-in, as strict as GitHub: `POST /app/installations/{id}/access_tokens`
 * takes a JWT (RS256, signed with the app's private key, `iss` the app id, `exp` at most ten minutes
 * ahead) and issues an installation token (`ghs_…`) that lives one hour. A request with an unknown
 * or expired installation token is a 401. Each installation has its own rate-limit budget, apart
 * from the one personal tokens share.
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { GraphqlBudget } from './graphql.js';

const HOUR_MS = 3_600_000;
/** GitHub refuses a JWT whose `exp` is more than ten minutes ahead (a little skew allowed). */
const MAX_JWT_LIFETIME_S = 600;
const SKEW_S = 60;

export interface Budget {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

export interface StandInApp {
  id: number;
  /** PEM or a key object: what GitHub keeps of the app's key pair. */
  publicKey: string | KeyObject;
  installations: number[];
}

interface IssuedToken {
  installationId: number;
  expiresAt: number;
}

export interface AppRegistry {
  apps: StandInApp[];
  /** Installation tokens issued, and the requests answered 401 for a bad one. */
  stats: { tokensIssued: number; rejected: number };
  /** How long an installation token lives (GitHub: one hour). */
  tokenLifetimeMs: number;
  /** Rate limit of each installation, per resource (GitHub: 5,000 an hour and more for large orgs). */
  installationLimit: number;
  budgets: Map<number, { core: Budget; graphql: GraphqlBudget }>;
  /** The installation an `authorization` header names, 'user' for a personal token, or a 401 body. */
  authorize(authorization: string | null): number | 'user' | { message: string };
  /** Answers the access-token route: status and body. */
  issue(installationId: number, authorization: string | null): { status: number; body: unknown };
}

const BAD_JWT = { message: 'A JSON web token could not be decoded' };

export function createAppRegistry(): AppRegistry {
  const tokens = new Map<string, IssuedToken>();
  const registry: AppRegistry = {
    apps: [],
    stats: { tokensIssued: 0, rejected: 0 },
    tokenLifetimeMs: HOUR_MS,
    installationLimit: 5000,
    budgets: new Map(),
    authorize(authorization) {
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
      if (!token.startsWith('ghs_')) return 'user';
      const issued = tokens.get(token);
      if (!issued || issued.expiresAt <= Date.now()) {
        registry.stats.rejected++;
        return { message: 'Bad credentials' };
      }
      return issued.installationId;
    },
    issue(installationId, authorization) {
      const jwt = /^bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      const app = jwt ? verifyJwt(registry.apps, jwt) : null;
      if (!app || typeof app === 'string')
        return { status: 401, body: typeof app === 'string' ? { message: app } : BAD_JWT };
      if (!app.installations.includes(installationId)) return { status: 404, body: NOT_FOUND };
      const token = `ghs_${randomBytes(18).toString('base64url')}`;
      const expiresAt = Date.now() + registry.tokenLifetimeMs;
      tokens.set(token, { installationId, expiresAt });
      registry.stats.tokensIssued++;
      if (!registry.budgets.has(installationId)) {
        const reset = Math.floor(Date.now() / 1000) + 3600;
        const limit = registry.installationLimit;
        registry.budgets.set(installationId, {
          core: { limit, remaining: limit, reset },
          graphql: { limit, remaining: limit, resetAt: new Date(reset * 1000).toISOString() },
        });
      }
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          permissions: {
            metadata: 'read',
            contents: 'read',
            issues: 'read',
            pull_requests: 'read',
          },
          repository_selection: 'all',
        },
      };
    },
  };
  return registry;
}

const NOT_FOUND = {
  message: 'Not Found',
  documentation_url:
    'https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app',
};

/** The app a JWT proves to be, or GitHub's message for why not (null: not a JWT at all). */
function verifyJwt(apps: StandInApp[], jwt: string): StandInApp | string | null {
  const parts = jwt.split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  let claims: { iss?: unknown; iat?: unknown; exp?: unknown };
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    if (head.alg !== 'RS256') return null;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return null;
  }
  const app = apps.find((a) => String(a.id) === String(claims.iss));
  if (!app) return `Integration not found`;
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(app.publicKey),
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return null;
  const now = Date.now() / 1000;
  if (typeof claims.iat !== 'number' || claims.iat > now + SKEW_S)
    return "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.";
  if (typeof claims.exp !== 'number' || claims.exp <= now)
    return "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.";
  if (claims.exp > now + MAX_JWT_LIFETIME_S + SKEW_S)
    return "'Expiration time' claim ('exp') is too far in the future.";
  return app;
}
