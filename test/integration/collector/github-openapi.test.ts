/**
 * The GitHub stand-in answers in GitHub's published shapes: every REST answer it gives the
 * collectors (a backfill over an organisation, a normal pass, `doctor`) validates against the
 * operation's response schema in GitHub's OpenAPI description (`@octokit/openapi`, dereferenced).
 * A disagreement is fixed in the stand-in, never by loosening the schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createGithubClient } from '../../../collector/github/client.js';
import { checkGithub } from '../../../collector/github/doctor.js';
import { runCollection } from '../../../collector/run.js';
import { createGithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName } from '../../../demo/github/world.js';
import { GITHUB_TEST_URL, githubConfig } from '../../helpers/github.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

/** Endpoints GitHub serves but does not describe (see ../shared/API-NOTES.md); held to the notes. */
const UNDESCRIBED: Record<string, { path: RegExp; schema: object }> = {
  'GET /repos/{owner}/{repo}/stargazers/history': {
    path: /^\/repos\/[^/]+\/[^/]+\/stargazers\/history$/,
    // Weeks, newest first: { week: unix seconds of its start, total, days: [7 integers] }.
    schema: {
      type: 'array',
      items: {
        type: 'object',
        required: ['week', 'total', 'days'],
        additionalProperties: false,
        properties: {
          week: { type: 'integer' },
          total: { type: 'integer', minimum: 0 },
          days: {
            type: 'array',
            items: { type: 'integer', minimum: 0 },
            minItems: 7,
            maxItems: 7,
          },
        },
      },
    },
  },
};

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface Description {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}
interface Exchange {
  method: string;
  path: string;
  status: number;
  body: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const description = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.deref.json'),
    'utf8',
  ),
) as Description;
// GitHub's description is OpenAPI 3.0: keywords such as `example` are not JSON Schema (strict off),
// and `nullable` appears without `type` (beside allOf/anyOf), which Ajv's own support refuses.
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const validators = new Map<string, ValidateFunction>();

/** The described path template a request path falls under, e.g. /repos/{owner}/{repo}/commits. */
function describedPath(path: string): string | null {
  for (const template of Object.keys(description.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return template;
  }
  return null;
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema: null is one more allowed value. */
function withNulls(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNulls);
  if (schema === null || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, withNulls(v)]));
  // A `properties` map may name a field "nullable": that one is a schema, kept.
  if (typeof nullable === 'object') return { ...out, nullable: withNulls(nullable) };
  if (nullable !== true) return out;
  if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [out, { type: 'null' }] };
}

function validatorFor(operation: Operation, status: number): ValidateFunction {
  const key = `${operation.operationId} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${key}: GitHub's description has no JSON body for this status`);
    validate = ajv.compile(withNulls(schema) as object);
    validators.set(key, validate);
  }
  return validate;
}

describe("the GitHub stand-in against GitHub's OpenAPI description", () => {
  const exchanges: Exchange[] = [];
  let database: OpenTestDatabase;
  let close: () => void;

  beforeAll(async () => {
    const world = createWorld({
      repos: 2,
      stars: 150,
      pulls: 30,
      issues: 30,
      commits: 40,
      seed: 5,
    });
    const standIn = createGithubStandIn(world);
    // One repository the token may not push to: its traffic answers are GitHub's 403.
    standIn.noPushAccess.add(fullName(world.repos[1]!).toLowerCase());
    const msw = setupServer(
      http.all(`${GITHUB_TEST_URL}/*`, async ({ request }) => {
        const response = await standIn.handle(request);
        const url = new URL(request.url);
        if (url.pathname !== '/graphql')
          exchanges.push({
            method: request.method,
            path: url.pathname,
            status: response.status,
            body: await response.clone().text(),
          });
        return response;
      }),
    );
    msw.listen({ onUnhandledRequest: 'error' });
    close = () => msw.close();
    database = await openTestDatabase('sqlite');
    const owner = world.repos[0]!.owner;
    const config = githubConfig(world, { orgs: [owner], repos: [] });
    const github = { graphqlSpacingMs: 0, retryAfterBaseMs: 10 };
    for (const backfill of [true, false])
      await runCollection({ db: database.db, config, backfill, github });
    const client = createGithubClient({
      token: 'test-token-not-real',
      baseUrl: GITHUB_TEST_URL,
      backfill: false,
    });
    await checkGithub(client, world.repos.map(fullName));
  });
  afterAll(async () => {
    close?.();
    await database?.drop();
  });

  test('the collectors and doctor called every REST endpoint they use', () => {
    const called = new Set(
      exchanges.map((e) => {
        const undescribed = Object.entries(UNDESCRIBED).find(([, u]) => u.path.test(e.path));
        return undescribed ? undescribed[0] : `${e.method} ${describedPath(e.path)}`;
      }),
    );
    for (const endpoint of [
      'GET /orgs/{org}/repos',
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}/commits',
      'GET /user',
      'GET /rate_limit',
      'GET /repos/{owner}/{repo}/stargazers/history',
      'GET /repos/{owner}/{repo}/traffic/views',
      'GET /repos/{owner}/{repo}/traffic/clones',
      'GET /repos/{owner}/{repo}/traffic/popular/referrers',
      'GET /repos/{owner}/{repo}/releases',
      'GET /repos/{owner}/{repo}/forks',
    ])
      expect(called).toContain(endpoint);
    const statuses = (path: RegExp) =>
      new Set(exchanges.filter((e) => path.test(e.path)).map((e) => e.status));
    // Both answers of the traffic endpoints were held to the description: 200 and the 403.
    expect(statuses(/\/traffic\/views$/)).toEqual(new Set([200, 403]));
  });

  test('every REST answer validates against the operation it answers', () => {
    const problems: string[] = [];
    for (const exchange of exchanges) {
      const undescribed = Object.entries(UNDESCRIBED).find(
        ([endpoint, u]) => endpoint.startsWith(`${exchange.method} `) && u.path.test(exchange.path),
      );
      if (undescribed) {
        const [endpoint, { schema }] = undescribed;
        if (exchange.status === 304) continue;
        const validate = ajv.compile(schema);
        if (exchange.status !== 200 || !validate(JSON.parse(exchange.body)))
          problems.push(`${endpoint} ${exchange.status}: not the shape API-NOTES.md describes`);
        continue;
      }
      const template = describedPath(exchange.path);
      const endpoint = `${exchange.method} ${template ?? exchange.path}`;
      const operation = template
        ? description.paths[template]?.[exchange.method.toLowerCase()]
        : undefined;
      if (!operation) {
        problems.push(`${endpoint}: not in GitHub's description`);
        continue;
      }
      // A 304 has no body, in GitHub's answers as in the stand-in's.
      if (exchange.status === 304) {
        if (exchange.body !== '') problems.push(`${endpoint} 304: has a body`);
        continue;
      }
      const key = `${endpoint} ${exchange.status}`;
      const validate = validatorFor(operation, exchange.status);
      if (!validate(JSON.parse(exchange.body))) {
        const errors = (validate.errors ?? [])
          .slice(0, 8)
          .map((e) => `${e.instancePath || '/'} ${e.message}`);
        problems.push(`${key} (${operation.operationId}): ${errors.join('; ')}`);
      }
    }
    expect(new Set(problems)).toEqual(new Set());
    expect(exchanges.some((e) => e.status === 200)).toBe(true);
  });
});
