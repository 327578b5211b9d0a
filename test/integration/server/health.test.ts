/**
 * `/api/health` names every configured source whose latest pass failed, since when and why, even
 * when another source finished a successful pass after it; and each whose latest pass left something
 * for the user to fix (a permission the bot lacks), until a pass no longer meets it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { NewCollectionRun, RunDetail } from '../../../db/schema.js';
import { channelRefused, historyRefused } from '../../../collector/discord/activity.js';
import { buildApp } from '../../../server/app.js';
import type { HealthResponse } from '../../../server/schemas/health.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

let sequence = 0;
const run = (
  source: 'github' | 'discord',
  finishedAt: string | null,
  ok: boolean | null,
  error: string | null = null,
  detail: RunDetail | null = null,
): NewCollectionRun => ({
  id: `run-${++sequence}`,
  source,
  started_at: finishedAt ? new Date(Date.parse(finishedAt) - 60_000).toISOString() : NOW,
  finished_at: finishedAt,
  ok: ok === null ? null : ok ? 1 : 0,
  error,
  detail: detail && JSON.stringify(detail),
});
const NOW = '2026-11-20T12:00:00.000Z';
/** What the demo's Discord passes record: two channels the bot may not read. */
const REFUSED: RunDetail = {
  notes: [channelRefused('moderators'), historyRefused('audit-log')],
  blockers: [
    { kind: 'discord-channel', channel: 'moderators', permission: 'View Channel' },
    { kind: 'discord-channel', channel: 'audit-log', permission: 'Read Message History' },
  ],
};
const MEMBERS_NOTE = 'The bot may not list members (it needs the Server Members intent).';
const RATE_LIMIT =
  'GitHub rate limit reached on GET /repos/acme/app/commits; the next pass resumes where this one stopped.';

describe.each(DIALECTS)('GET /api/health on %s', (dialect) => {
  let database: OpenTestDatabase;
  let app: FastifyInstance;
  const health = async (target = app) => {
    const response = await target.inject('/api/health');
    return { code: response.statusCode, body: response.json() as HealthResponse };
  };
  const insert = (...runs: NewCollectionRun[]) =>
    database.db.insertInto('collection_run').values(runs).execute();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    app = await buildApp({ database, webRoot: null });
  });
  afterEach(async () => {
    await database.db.deleteFrom('collection_run').execute();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  test('a failed GitHub pass followed by a successful Discord pass is degraded, naming github', async () => {
    await insert(
      run('github', '2026-11-20T09:00:00.000Z', true),
      run('discord', '2026-11-20T09:01:00.000Z', true),
      run('github', '2026-11-20T10:00:00.000Z', false, 'GitHub answered 500.'),
      run('github', '2026-11-20T11:00:00.000Z', false, `${RATE_LIMIT}\n    at stack (x.ts:1)`),
      run('discord', '2026-11-20T11:00:03.000Z', true),
    );
    const { code, body } = await health();
    expect(code).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.lastRun).toMatchObject({ source: 'discord', ok: true });
    // Since the first failure of the streak, with the latest failure's cause on one line.
    expect(body.failing).toEqual([
      {
        source: 'github',
        since: '2026-11-20T10:00:00.000Z',
        lastFailedAt: '2026-11-20T11:00:00.000Z',
        error: RATE_LIMIT,
      },
    ]);
  });

  test('a success ends the streak; a later failure starts a new one', async () => {
    await insert(
      run('github', '2026-11-18T10:00:00.000Z', false, 'old failure'),
      run('github', '2026-11-19T10:00:00.000Z', true),
      run('github', '2026-11-20T10:00:00.000Z', false, 'new failure'),
      run('github', null, null), // still running: not a pass that finished
    );
    const { body } = await health();
    expect(body.failing).toEqual([
      {
        source: 'github',
        since: '2026-11-20T10:00:00.000Z',
        lastFailedAt: '2026-11-20T10:00:00.000Z',
        error: 'new failure',
      },
    ]);
  });

  test('a source that never succeeded fails since its first pass; both sources can fail', async () => {
    await insert(
      run('discord', '2026-11-19T10:00:00.000Z', false, 'Discord answered 401.'),
      run('discord', '2026-11-20T10:00:00.000Z', false, 'Discord answered 401.'),
      run('github', '2026-11-20T10:30:00.000Z', false, ''),
    );
    const { body } = await health();
    expect(body.status).toBe('degraded');
    expect(body.failing.map((f) => [f.source, f.since])).toEqual([
      ['github', '2026-11-20T10:30:00.000Z'],
      ['discord', '2026-11-19T10:00:00.000Z'],
    ]);
    expect(body.failing[0]!.error).toMatch(/without saying why; run `pulseboard collect/);
  });

  test('after the failing source recovers, health is ok again', async () => {
    await insert(
      run('github', '2026-11-20T10:00:00.000Z', false, 'GitHub answered 500.'),
      run('github', '2026-11-20T11:00:00.000Z', true),
      run('discord', '2026-11-20T11:30:00.000Z', true),
    );
    const { code, body } = await health();
    expect([code, body.status, body.failing]).toEqual([200, 'ok', []]);
  });

  test('a source the config no longer collects does not degrade health', async () => {
    await insert(
      run('github', '2026-11-20T10:00:00.000Z', true),
      run('discord', '2026-11-20T10:01:00.000Z', false, 'Discord answered 401.'),
    );
    const githubOnly = await buildApp({ database, webRoot: null, sources: ['github'] });
    try {
      const { body } = await health(githubOnly);
      expect([body.status, body.failing]).toEqual(['ok', []]);
      // Its last run is still reported, for the Collection page.
      expect(body.sources.discord).toMatchObject({ ok: false });
      expect((await health()).body.status).toBe('degraded');
    } finally {
      await githubOnly.close();
    }
  });

  test("a source's latest pass that the bot's permissions held back needs action, until a pass is not", async () => {
    await insert(
      run('discord', '2026-11-20T10:00:00.000Z', true, null, REFUSED),
      run('discord', '2026-11-20T11:00:00.000Z', true, null, REFUSED),
      // An informational note is no warning: the star list's fallback needs nothing from the user.
      run('github', '2026-11-20T11:00:05.000Z', true, null, {
        notes: [
          'acme/app: This server has no star-history endpoint; star history comes from snapshots.',
        ],
      }),
    );
    const first = await health();
    expect(first.code).toBe(200);
    // The passes succeeded: the status stays ok, and nothing is failing.
    expect([first.body.status, first.body.failing]).toEqual(['ok', []]);
    expect(first.body.needsAction).toEqual([
      {
        source: 'discord',
        message:
          'The bot lacks View Channel in #moderators and Read Message History in #audit-log, so active members and messages miss their posts; grant these to its role there.',
      },
    ]);
    // The bot's role got the permissions: the next pass reads every channel, and the action goes.
    await insert(run('discord', '2026-11-20T12:00:00.000Z', true));
    expect((await health()).body.needsAction).toEqual([]);
  });

  test('a failed pass keeps its blockers beside its failure; an unconfigured source has none', async () => {
    await insert(
      run('discord', '2026-11-20T10:00:00.000Z', false, '#help: Discord answered 500.', {
        notes: [...REFUSED.notes, MEMBERS_NOTE],
        blockers: [...REFUSED.blockers!, { kind: 'discord-members' }],
      }),
    );
    const { body } = await health();
    expect(body.status).toBe('degraded');
    expect(body.failing.map((f) => f.source)).toEqual(['discord']);
    expect(body.needsAction.map((a) => a.source)).toEqual(['discord']);
    expect(body.needsAction[0]!.message).toMatch(/Server Members intent, so joins are not counted/);
    const githubOnly = await buildApp({ database, webRoot: null, sources: ['github'] });
    try {
      expect((await health(githubOnly)).body.needsAction).toEqual([]);
    } finally {
      await githubOnly.close();
    }
  });
});
