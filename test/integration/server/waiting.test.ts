import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../../server/app.js';
import type { WaitingResponse } from '../../../server/schemas/waiting.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

const AT = '2026-11-01T00:00:00Z';
const issue = (number: number, created: string, extra: Record<string, unknown> = {}) => ({
  repo_id: 'r1',
  number,
  author: 'someone',
  author_is_bot: 0 as const,
  title: `Issue ${number}`,
  state: 'open' as const,
  created_at: created,
  updated_at: created,
  closed_at: null,
  first_response_at: null,
  ...extra,
});
const pull = (number: number, created: string, extra: Record<string, unknown> = {}) => ({
  ...issue(number, created),
  title: `PR ${number}`,
  author_association: null,
  is_draft: 0 as const,
  merged_at: null,
  first_review_at: null,
  ...extra,
});

describe.each(DIALECTS)('GET /api/waiting on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const { db } = database;
    await db
      .insertInto('repo')
      .values({
        id: 'r1',
        full_name: 'acme/core',
        default_branch: 'main',
        is_fork: 0,
        is_archived: 0,
        created_at: AT,
        first_seen_at: AT,
      })
      .execute();
    await db
      .insertInto('issue')
      .values([
        issue(1, '2026-10-03T00:00:00Z'),
        issue(2, '2026-10-01T00:00:00Z'),
        issue(3, '2026-09-01T00:00:00Z', { first_response_at: '2026-09-02T00:00:00Z' }),
        issue(4, '2026-09-01T00:00:00Z', { state: 'closed', closed_at: AT }),
        issue(5, '2026-09-01T00:00:00Z', { author: 'dependabot[bot]', author_is_bot: 1 }),
      ])
      .execute();
    await db
      .insertInto('pull_request')
      .values([pull(10, '2026-10-02T00:00:00Z'), pull(11, '2026-09-01T00:00:00Z', { is_draft: 1 })])
      .execute();
    app = await buildApp({
      database,
      settings: {
        project: 'Acme',
        timezone: 'UTC',
        okrs: [],
        adminToken: null,
        githubWebUrl: 'https://git.example.com',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  test('lists unanswered open issues and ready PRs, oldest first, linked to GitHub', async () => {
    const response = await app.inject('/api/waiting');
    expect(response.statusCode).toBe(200);
    const body = response.json() as WaitingResponse;
    expect(body.items.map((i) => [i.kind, i.number, i.url])).toEqual([
      ['issue', 2, 'https://git.example.com/acme/core/issues/2'],
      ['pull_request', 10, 'https://git.example.com/acme/core/pull/10'],
      ['issue', 1, 'https://git.example.com/acme/core/issues/1'],
    ]);
    expect(body.totals).toEqual({ issues: 2, pullRequests: 1 });
  });

  test('limit caps each list; the totals still count everything', async () => {
    const body = (await app.inject('/api/waiting?limit=1')).json() as WaitingResponse;
    expect(body.items.map((i) => i.number)).toEqual([2, 10]);
    expect(body.totals).toEqual({ issues: 2, pullRequests: 1 });
  });

  test.each(['/api/waiting?since=2026-01-01', '/api/waiting?limit=0', '/api/waiting?limit=x'])(
    '%s is a 400 with the error shape',
    async (url) => {
      const response = await app.inject(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
    },
  );
});
