import type { Insertable } from 'kysely';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../../config/load.js';
import type { IssueTable } from '../../../db/tables/github.js';
import { METRICS } from '../../../server/kpi/metrics/index.js';
import { DISCORD_LIMITS, embedLength, renderDiscord } from '../../../server/digest/discord.js';
import { buildDigest, lastFullWeek, type DigestModel } from '../../../server/digest/model.js';
import { deliverDigest } from '../../../server/digest/send.js';
import { evaluateOkrs } from '../../../server/metrics/read.js';
import { renderSlack, SLACK_LIMITS } from '../../../server/digest/slack.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';

const NOW = new Date('2026-11-25T10:00:00Z'); // a Wednesday: the last full week is 2026-W47
const WEEK = '2026-W47';
const HOSTILE = '@everyone <!channel> <@123456> & <script> [claim](https://evil.example)';

/** 40 key results over 8 objectives, on every catalog metric. */
const OKRS: Objective[] = Array.from({ length: 8 }, (_, o) => ({
  objective: `Objective ${o + 1} ${HOSTILE}`,
  keyResults: Array.from({ length: 5 }, (_, k) => {
    const metric = METRICS[(o * 5 + k) % METRICS.length]!;
    return {
      id: `kr-${o}-${k}`,
      objective: `Objective ${o + 1}`,
      metric: metric.id,
      label: `${metric.label} — a long label to fill the message ${'x'.repeat(40)}`,
      unit: metric.unit,
      direction: metric.better,
      target: 1000,
      baseline: null,
      start: '2026-01-01',
      deadline: '2026-12-31',
    };
  }),
}));

describe.each(DIALECTS)('weekly digest on %s', (dialect) => {
  let database: OpenTestDatabase;
  let model: DigestModel;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const db = database.db;
    await db
      .insertInto('repo')
      .values({
        id: '1',
        full_name: 'acme/rocket',
        default_branch: 'main',
        is_fork: 0,
        is_archived: 0,
        created_at: null,
        first_seen_at: NOW.toISOString(),
      })
      .execute();
    // 500 new contributors this week, one of them with a hostile login-like name.
    const contributors = Array.from({ length: 500 }, (_, i) => ({
      id: i === 0 ? HOSTILE.toLowerCase() : `newcomer${i}`,
      login: i === 0 ? HOSTILE : `newcomer${i}`,
      first_contribution_at: `2026-11-${String(16 + (i % 7)).padStart(2, '0')}T12:00:00Z`,
      first_repo_id: '1',
      contributions: 1,
    }));
    for (let i = 0; i < contributors.length; i += 100)
      await db
        .insertInto('contributor')
        .values(contributors.slice(i, i + 100))
        .execute();
    // A first PR merged this week, and an issue nobody answered, both with hostile titles.
    await db
      .insertInto('pull_request')
      .values({
        repo_id: '1',
        number: 7,
        author: 'newcomer1',
        author_is_bot: 0,
        author_association: 'FIRST_TIME_CONTRIBUTOR',
        title: HOSTILE,
        state: 'merged',
        is_draft: 0,
        created_at: '2026-11-16T10:00:00Z',
        updated_at: '2026-11-17T10:00:00Z',
        merged_at: '2026-11-17T12:00:00Z',
        closed_at: '2026-11-17T12:00:00Z',
        first_review_at: null,
        first_response_at: null,
      })
      .execute();
    await db
      .insertInto('contribution')
      .values({
        repo_id: '1',
        kind: 'pr',
        ref: '7',
        contributor: 'newcomer1',
        at: '2026-11-17T12:00:00Z',
      })
      .execute();
    await db
      .updateTable('contributor')
      .set({ first_contribution_at: '2026-11-17T12:00:00Z' })
      .where('id', '=', 'newcomer1')
      .execute();
    // Waiting now: #8 from before the week, #9 and #11 from it, #13 from after it; #10 from the
    // week was answered, #12 is closed.
    const issue = (
      number: number,
      created: string,
      over: Partial<Insertable<IssueTable>> = {},
    ): Insertable<IssueTable> => ({
      repo_id: '1',
      number,
      author: 'someone',
      author_is_bot: 0,
      title: number === 8 ? HOSTILE : `Issue ${number}`,
      state: 'open',
      created_at: created,
      updated_at: created,
      closed_at: null,
      first_response_at: null,
      ...over,
    });
    await db
      .insertInto('issue')
      .values([
        issue(8, '2026-10-01T00:00:00Z'),
        issue(9, '2026-11-16T08:00:00Z'),
        issue(10, '2026-11-16T09:00:00Z', { first_response_at: '2026-11-17T09:00:00Z' }),
        issue(11, '2026-11-21T23:00:00Z'),
        issue(12, '2026-11-18T00:00:00Z', { state: 'closed', closed_at: '2026-11-19T00:00:00Z' }),
        issue(13, '2026-11-23T10:00:00Z'),
      ])
      .execute();
    // GitHub has collected (its metrics have no rollups yet); Discord and the packages have not.
    await db
      .insertInto('collection_run')
      .values({
        id: 'run-1',
        source: 'github',
        started_at: '2026-11-10T00:00:00Z',
        finished_at: '2026-11-10T00:05:00Z',
        ok: 1,
        error: null,
        detail: null,
      })
      .execute();
    expect(lastFullWeek(NOW, 'UTC')).toBe(WEEK);
    model = await buildDigest(
      db,
      {
        project: `Rocket ${HOSTILE}`,
        timezone: 'UTC',
        okrs: OKRS,
        dashboardUrl: 'https://pulse.example.org/board',
        githubWebUrl: 'https://git.example.com',
      },
      WEEK,
      NOW,
    );
  });
  afterAll(async () => database?.drop());

  test('the model holds the week’s news', () => {
    expect(model.week).toEqual({
      key: WEEK,
      from: '2026-11-16',
      to: '2026-11-22',
      asOf: '2026-11-22',
    });
    expect(model.keyResults).toHaveLength(40);
    expect(model.newContributors.logins).toHaveLength(500);
    expect(model.firstMerges).toEqual([
      {
        repo: 'acme/rocket',
        number: 7,
        title: HOSTILE,
        author: 'newcomer1',
        url: 'https://git.example.com/acme/rocket/pull/7',
      },
    ]);
    expect(model.keyResults[0]!.url).toBe(
      `https://pulse.example.org/board/metrics/${OKRS[0]!.keyResults[0]!.metric}?kr=kr-0-0`,
    );
  });

  test('what waits: the week’s arrivals still unanswered, the longest waits before it, and how many', () => {
    const item = (number: number, createdAt: string, days: number) => ({
      repo: 'acme/rocket',
      number,
      title: number === 8 ? HOSTILE : `Issue ${number}`,
      createdAt,
      days,
      url: `https://git.example.com/acme/rocket/issues/${number}`,
    });
    expect(model.waitingIssues).toEqual({
      total: 4,
      openedInWeek: {
        items: [item(9, '2026-11-16T08:00:00Z', 9), item(11, '2026-11-21T23:00:00Z', 3)],
        total: 2,
      },
      longest: [item(8, '2026-10-01T00:00:00Z', 55)],
      url: 'https://pulse.example.org/board/waiting?kind=issue',
    });
    expect(model.waitingPullRequests).toEqual({
      total: 0,
      openedInWeek: { items: [], total: 0 },
      longest: [],
      url: 'https://pulse.example.org/board/waiting?kind=pull_request',
    });
  });

  test('without the dashboard’s address: GitHub links, none to the dashboard', async () => {
    const plain = await buildDigest(
      database.db,
      { project: 'Rocket', timezone: 'UTC', okrs: OKRS },
      WEEK,
      NOW,
    );
    expect(plain.keyResults.every((k) => k.url === null)).toBe(true);
    expect(plain.waitingIssues.url).toBeNull();
    expect(plain.waitingIssues.longest[0]!.url).toBe('https://github.com/acme/rocket/issues/8');
    const payloads = JSON.stringify([renderSlack(plain), renderDiscord(plain)]);
    expect(payloads).toContain('https://github.com/acme/rocket/issues/8');
    expect(payloads).not.toContain('/metrics/');
    expect(payloads).not.toContain('Waiting page');
  });

  test('a key result without a value says why, in the dashboard’s words', async () => {
    const why = new Map(model.keyResults.map((k) => [k.id, k.noValue]));
    const byMetric = (metric: string) =>
      why.get(OKRS.flatMap((o) => o.keyResults).find((k) => k.metric === metric)!.id);
    expect(model.keyResults.every((k) => k.current === null && k.noValue !== null)).toBe(true);
    expect(byMetric('discord.members')).toBe('Waiting for the first collection');
    expect(byMetric('docker.pulls')).toBe('Waiting for the first collection');
    expect(byMetric('github.stars')).toBe('No value yet: nothing to measure so far');
    expect(byMetric('github.releases.downloads')).toMatch(/^First daily figure after tomorrow/);
    const slack = JSON.stringify(renderSlack(model));
    expect(slack).toContain('Waiting for the first collection');
    // The card reads the same reason from /api/okrs: it says which metrics come from two readings.
    const api = await evaluateOkrs(database.db, 'Rocket', OKRS, 'UTC', NOW);
    const fromReadings = new Map(
      api.objectives.flatMap((o) => o.keyResults).map((k) => [k.metric, k.fromReadings]),
    );
    expect(fromReadings.get('github.releases.downloads')).toBe(true);
    expect(fromReadings.get('docker.pulls')).toBe(true);
    expect(fromReadings.get('github.stars')).toBe(false);
    expect(slack).not.toMatch(/\) — No data/);
    expect(JSON.stringify(renderDiscord(model))).toContain(
      '(target ≥ 1,000) — No value yet: nothing to measure so far',
    );
  });

  test('Slack Block Kit stays within Slack’s limits and escapes untrusted text', () => {
    const message = renderSlack(model);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const texts = message.blocks.flatMap((b) => [
      b.text?.text ?? '',
      ...(b.elements ?? []).map((e) => e.text),
    ]);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(texts.join('').length).toBeLessThanOrEqual(SLACK_LIMITS.message);
    // Mentions are parsed in mrkdwn only; the plain_text header shows the project's name as typed.
    const json = JSON.stringify({ ...message, blocks: message.blocks.slice(1) });
    expect(message.blocks[0]!.type).toBe('header');
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@123456>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toMatch(/…and \d+ more/); // 500 contributors do not fit, and it says so
  });

  test('Discord embeds stay within Discord’s limits and mention nobody', () => {
    const message = renderDiscord(model);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    // A title from GitHub is shown as typed, not turned into a masked link.
    const text = message.embeds
      .flatMap((e) => [e.description ?? '', ...(e.fields ?? []).map((f) => f.value)])
      .join('\n');
    expect(text).toContain('\\[claim](https://evil.example)');
    expect(text).not.toMatch(/(^|[^\\])\[claim\]\(/);
    expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
    expect(embedLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
    for (const embed of message.embeds) {
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  });

  test('delivery: a 429 is waited out (one post lands), and a second run in the week sends nothing', async () => {
    const slackBodies: unknown[] = [];
    const discordBodies: unknown[] = [];
    let slackCalls = 0;
    const server = setupServer(
      http.post('https://hooks.slack.test/services/T0/B0/secret', async ({ request }) => {
        slackCalls++;
        if (slackCalls === 1)
          return new HttpResponse('rate_limited', { status: 429, headers: { 'retry-after': '1' } });
        slackBodies.push(await request.json());
        return new HttpResponse('ok');
      }),
      http.post('https://discord.test/api/v10/webhooks/123/tok3n', async ({ request }) => {
        discordBodies.push(await request.json());
        return new HttpResponse(null, { status: 204 });
      }),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const options = {
        db: database.db,
        model,
        channels: ['slack', 'discord'] as const,
        webhooks: {
          slack: 'https://hooks.slack.test/services/T0/B0/secret',
          discord: 'https://discord.test/api/webhooks/123/tok3n',
        },
        now: () => NOW,
        maxRetryAfterMs: 20,
      };
      const first = await deliverDigest(options);
      expect(first.map((r) => r.outcome)).toEqual(['sent', 'sent']);
      expect(slackCalls).toBe(2);
      expect(slackBodies).toHaveLength(1);
      expect(discordBodies).toHaveLength(1);
      expect((discordBodies[0] as { allowed_mentions: unknown }).allowed_mentions).toEqual({
        parse: [],
      });

      const second = await deliverDigest(options);
      expect(second.map((r) => r.outcome)).toEqual(['already_sent', 'already_sent']);
      expect(slackCalls).toBe(2);
      expect(discordBodies).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  test('an unreachable webhook names the cause (connection refused), not just "fetch failed"', async () => {
    // Nothing listens on this port (one of those reserved for this work), so the connection is refused.
    const result = await deliverDigest({
      db: database.db,
      model: { ...model, week: { ...model.week, key: '2026-W45' } },
      channels: ['slack', 'discord'],
      webhooks: {
        slack: 'http://127.0.0.1:3499/services/T2/B2/unreachable-secret',
        discord: 'http://127.0.0.1:3499/api/webhooks/456/unreachable-tok3n',
      },
      now: () => NOW,
    });
    expect(result.map((r) => r.outcome)).toEqual(['failed', 'failed']);
    for (const r of result) {
      expect(r.message).toContain('ECONNREFUSED');
      expect(r.message).not.toContain('unreachable-');
    }
    expect(result[0]!.message).toContain('SLACK_WEBHOOK_URL');
    expect(result[1]!.message).toContain('DISCORD_WEBHOOK_URL');
  }, 60_000);

  test('a failed post is reported without the webhook URL, and not recorded as sent', async () => {
    const server = setupServer(
      http.post(
        'https://hooks.slack.test/services/T1/B1/other-secret',
        () => new HttpResponse('invalid_token', { status: 403 }),
      ),
    );
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const result = await deliverDigest({
        db: database.db,
        model: { ...model, week: { ...model.week, key: '2026-W46' } },
        channels: ['slack'],
        webhooks: { slack: 'https://hooks.slack.test/services/T1/B1/other-secret', discord: null },
        now: () => NOW,
      });
      expect(result[0]).toMatchObject({ outcome: 'failed' });
      expect(result[0]!.message).toContain('Slack refused the digest (403 invalid_token)');
      expect(result[0]!.message).not.toContain('other-secret');
      const delivered = await database.db
        .selectFrom('digest_delivery')
        .selectAll()
        .where('week', '=', '2026-W46')
        .execute();
      expect(delivered).toEqual([]);
    } finally {
      server.close();
    }
  });
});
