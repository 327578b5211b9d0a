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
      .values(
        [
          ['r1', 'acme/core'],
          ['r2', 'acme/web'],
        ].map(([id, name]) => ({
          id: id!,
          full_name: name!,
          default_branch: 'main',
          is_fork: 0 as const,
          is_archived: 0 as const,
          created_at: AT,
          first_seen_at: AT,
        })),
      )
      .execute();
    await db
      .insertInto('issue')
      .values([
        issue(1, '2026-10-03T00:00:00Z'),
        issue(2, '2026-10-01T00:00:00Z'),
        issue(3, '2026-09-01T00:00:00Z', { first_response_at: '2026-09-02T00:00:00Z' }),
        issue(4, '2026-09-01T00:00:00Z', { state: 'closed', closed_at: AT }),
        issue(5, '2026-09-01T00:00:00Z', { author: 'dependabot[bot]', author_is_bot: 1 }),
        // As old as PR 10, in another repository: ties go by repository.
        issue(20, '2026-10-02T00:00:00Z', { repo_id: 'r2' }),
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

  const numbers = (body: WaitingResponse) => body.items.map((i) => `${i.repo}#${i.number}`);

  test('lists unanswered open issues and ready PRs, oldest first, linked to GitHub', async () => {
    const response = await app.inject('/api/waiting');
    expect(response.statusCode).toBe(200);
    const body = response.json() as WaitingResponse;
    expect(body.items.map((i) => [i.kind, i.number, i.url])).toEqual([
      ['issue', 2, 'https://git.example.com/acme/core/issues/2'],
      ['pull_request', 10, 'https://git.example.com/acme/core/pull/10'],
      ['issue', 20, 'https://git.example.com/acme/web/issues/20'],
      ['issue', 1, 'https://git.example.com/acme/core/issues/1'],
    ]);
    expect(body).toMatchObject({
      totals: { issues: 3, pullRequests: 1 },
      matching: 4,
      offset: 0,
      limit: 100,
    });
  });

  test('limit applies to the merged list: the page is the oldest items of either kind', async () => {
    // A limit per kind would list three: issues 2 and 20 and PR 10 (issue 20 is as old as PR 10).
    const body = (await app.inject('/api/waiting?limit=2')).json() as WaitingResponse;
    expect(numbers(body)).toEqual(['acme/core#2', 'acme/core#10']);
    expect(body).toMatchObject({ totals: { issues: 3, pullRequests: 1 }, matching: 4, limit: 2 });
  });

  test('offset pages through every item once, in order; past the end is an empty page', async () => {
    const all = numbers((await app.inject('/api/waiting')).json() as WaitingResponse);
    const paged: string[] = [];
    for (let offset = 0; offset < 4; offset += 3) {
      const body = (
        await app.inject(`/api/waiting?limit=3&offset=${offset}`)
      ).json() as WaitingResponse;
      expect(body).toMatchObject({ offset, limit: 3, matching: 4 });
      paged.push(...numbers(body));
    }
    expect(paged).toEqual(all);
    const past = (await app.inject('/api/waiting?offset=4')).json() as WaitingResponse;
    expect(past).toMatchObject({ items: [], matching: 4, totals: { issues: 3, pullRequests: 1 } });
  });

  test('kind narrows the list and what is matched, not the totals', async () => {
    const issues = (await app.inject('/api/waiting?kind=issue')).json() as WaitingResponse;
    expect(numbers(issues)).toEqual(['acme/core#2', 'acme/web#20', 'acme/core#1']);
    expect(issues).toMatchObject({ matching: 3, totals: { issues: 3, pullRequests: 1 } });
    const pulls = (
      await app.inject('/api/waiting?kind=pull_request&offset=0&limit=5')
    ).json() as WaitingResponse;
    expect(numbers(pulls)).toEqual(['acme/core#10']);
    expect(pulls.matching).toBe(1);
  });

  test('repo narrows the list and the totals to one tracked repository', async () => {
    const web = (await app.inject('/api/waiting?repo=acme/web')).json() as WaitingResponse;
    expect(numbers(web)).toEqual(['acme/web#20']);
    expect(web).toMatchObject({ matching: 1, totals: { issues: 1, pullRequests: 0 } });
    const core = (
      await app.inject('/api/waiting?repo=ACME/Core&kind=issue&limit=1&offset=1')
    ).json() as WaitingResponse;
    expect(numbers(core)).toEqual(['acme/core#1']);
    expect(core).toMatchObject({ matching: 2, totals: { issues: 2, pullRequests: 1 } });
  });

  test.each([
    '/api/waiting?since=2026-01-01',
    '/api/waiting?limit=0',
    '/api/waiting?limit=x',
    '/api/waiting?limit=501',
    '/api/waiting?offset=-1',
    '/api/waiting?offset=1e2',
    '/api/waiting?offset=1000001',
    '/api/waiting?offset=',
    '/api/waiting?kind=discussion',
    '/api/waiting?repo=acme',
    '/api/waiting?repo=acme/gone',
  ])('%s is a 400 with the error shape', async (url) => {
    const response = await app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
  });
});
