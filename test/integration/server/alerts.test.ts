import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { alertsSchema, type AlertsConfig } from '../../../config/alerts.js';
import type { Objective } from '../../../config/load.js';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { evaluateAlerts, type AlertSettings } from '../../../server/alerts/evaluate.js';
import type { WebhookAlert } from '../../../server/alerts/render.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { buildApp } from '../../../server/app.js';
import type { AlertsResponse } from '../../../server/schemas/alerts.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';
import { startWebhookSink } from '../../helpers/webhook-sink.js';

const SECRET = 'the-documented-secret';
const HOSTILE = '@everyone <!channel> <@123> [x](https://evil.example)';

/** Standing targets (no deadline): achieved at 100, at risk within 20% below, else off track. */
const OKRS: Objective[] = [
  {
    objective: 'o',
    keyResults: [
      keyResult('arr', 'manual.arr', 100, { label: HOSTILE, start: null, deadline: null }),
    ],
  },
];

/** The README's verification recipe, as a receiver would write it. */
function verify(raw: string, header: string | undefined, secret: string): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return (
    header !== undefined &&
    header.length === expected.length &&
    timingSafeEqual(Buffer.from(header), Buffer.from(expected))
  );
}

describe.each(DIALECTS)('alerts on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: DatabaseHandle;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  /** Each test runs on its own day, so the hourly cap of one does not touch another. */
  let day = 0;
  let now: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = await openDatabase(testDb.location);
    await migrateToLatest(database.db);
    sink = await startWebhookSink();
  });
  afterAll(async () => {
    await sink?.close();
    await database?.close();
    await testDb?.drop();
  });
  afterEach(() => void (sink.received.length = 0));

  const nextDay = () => {
    day += 1;
    now = new Date(Date.UTC(2026, 5, day, 12));
    return now;
  };
  const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

  function settings(rules: Partial<z.input<ReturnType<typeof alertsSchema>>>): AlertSettings {
    return {
      project: 'Test <project>',
      timezone: 'UTC',
      okrs: OKRS,
      rules: alertsSchema(z.string()).parse({
        keyResults: 'off',
        webhook: true,
        slack: true,
        discord: true,
        maxPerHour: 1000,
        ...rules,
      }) as AlertsConfig,
      sources: [],
      targets: {
        slack: `${sink.url}/slack`,
        discord: `${sink.url}/discord`,
        webhook: { url: `${sink.url}/hook`, secret: SECRET },
      },
      dashboardUrl: null,
    };
  }
  async function record(metric: string, value: number) {
    await upsertManualValue(database.db, {
      metric,
      at: now.toISOString().slice(0, 10),
      value,
      recorded_at: now.toISOString(),
      source: 'cli',
    });
    await refreshDailyMetrics(database.db, 'UTC', now);
  }
  const hooks = () => sink.bodies('/hook') as WebhookAlert[];
  const titles = () => hooks().map((h) => h.title);

  test('a key result that changes status for the worse alerts once, signed, escaped, no mentions', async () => {
    const s = settings({ keyResults: 'worse' });
    nextDay();
    await record('manual.arr', 100); // achieved
    expect((await evaluateAlerts(database.db, s, now)).sent).toEqual([]); // first look: recorded only
    later(60);
    await record('manual.arr', 90); // at risk
    const outcome = await evaluateAlerts(database.db, s, now);
    expect(outcome.sent.map((e) => e.kind)).toEqual(['key_result']);
    expect(titles()).toEqual([`${HOSTILE}: Achieved → At risk`]);
    const hook = sink.received.find((r) => r.path === '/hook')!;
    expect(verify(hook.raw, hook.headers['x-pulseboard-signature'] as string, SECRET)).toBe(true);
    expect(verify(hook.raw, hook.headers['x-pulseboard-signature'] as string, 'wrong')).toBe(false);
    const slack = sink.received.find((r) => r.path === '/slack')!.raw;
    expect(slack).toContain('&lt;!channel&gt;');
    expect(slack).not.toContain('<!channel>');
    expect(slack).toContain('Test &lt;project&gt;');
    const discord = sink.bodies('/discord')[0] as {
      allowed_mentions: unknown;
      embeds: { description: string }[];
    };
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(discord.embeds[0]!.description).toContain('\\[x](');

    sink.received.length = 0;
    later(60);
    expect((await evaluateAlerts(database.db, s, now)).sent).toEqual([]); // same status: nothing
    await record('manual.arr', 100); // better: not with "worse"
    expect((await evaluateAlerts(database.db, s, now)).sent).toEqual([]);
    await record('manual.arr', 50); // off track
    await evaluateAlerts(database.db, s, now);
    expect(titles()).toEqual([`${HOSTILE}: Achieved → Off track`]);
  });

  test('keyResults: any alerts on a change for the better too', async () => {
    const s = settings({ keyResults: 'any' });
    nextDay();
    await record('manual.arr', 50);
    await evaluateAlerts(database.db, s, now); // off track, already known from the test before
    await record('manual.arr', 100);
    await evaluateAlerts(database.db, s, now);
    expect(titles()).toEqual([`${HOSTILE}: Off track → Achieved`]);
    expect(hooks()[0]!.tone).toBe('good');
  });

  test('a threshold alerts each time the metric crosses into it, not while it stays', async () => {
    const s = settings({ thresholds: [{ metric: 'manual.latency', above: 100 }] });
    nextDay();
    await record('manual.latency', 50);
    await evaluateAlerts(database.db, s, now);
    await record('manual.latency', 150);
    await evaluateAlerts(database.db, s, now);
    await record('manual.latency', 160);
    await evaluateAlerts(database.db, s, now);
    expect(titles()).toEqual(['Latency is above 100']);
    await record('manual.latency', 80);
    await evaluateAlerts(database.db, s, now);
    await record('manual.latency', 120);
    await evaluateAlerts(database.db, s, now);
    expect(titles()).toEqual(['Latency is above 100', 'Latency is above 100']);
    expect(hooks()[1]!.message).toContain('now 120');
  });

  test('with dashboardUrl, each channel links the alert to the metric page; without it, no link', async () => {
    const rules = { thresholds: [{ metric: 'manual.uptime', below: 99 }] };
    const s = { ...settings(rules), dashboardUrl: 'https://pulse.example.org/team' };
    nextDay();
    await record('manual.uptime', 100);
    await evaluateAlerts(database.db, s, now);
    await record('manual.uptime', 90);
    await evaluateAlerts(database.db, s, now);
    const page = 'https://pulse.example.org/team/metrics/manual.uptime';
    const slack = sink.bodies('/slack') as { blocks: { text: { text: string } }[] }[];
    expect(slack[0]!.blocks[0]!.text.text).toMatch(new RegExp(`^\\*<${page}\\|⚠️ Test`));
    const discord = sink.bodies('/discord') as { embeds: { url?: string }[] }[];
    expect(discord[0]!.embeds[0]!.url).toBe(page);
    expect(hooks()[0]!.url).toBe(page);

    sink.received.length = 0;
    const unlinked = settings(rules);
    await record('manual.uptime', 100);
    await evaluateAlerts(database.db, unlinked, now);
    await record('manual.uptime', 90);
    await evaluateAlerts(database.db, unlinked, now);
    expect(titles()).toEqual(['Uptime is below 99']);
    expect(sink.received.map((r) => r.raw).join('')).not.toContain('pulse.example.org');
  });

  test('a milestone alerts once per step of the ladder, even after a dip', async () => {
    const s = settings({ milestones: ['manual.members'] });
    nextDay();
    await record('manual.members', 900);
    await evaluateAlerts(database.db, s, now);
    await record('manual.members', 1200);
    await evaluateAlerts(database.db, s, now);
    await record('manual.members', 5600);
    await evaluateAlerts(database.db, s, now);
    await record('manual.members', 4000);
    await evaluateAlerts(database.db, s, now);
    await record('manual.members', 5700);
    await evaluateAlerts(database.db, s, now);
    expect(titles()).toEqual(['Members passed 1,000', 'Members passed 5,000']);
  });

  test('N failed passes in a row alert once per streak; the rate limit running out too', async () => {
    const s = { ...settings({ collection: { failures: 2 } }), sources: ['github' as const] };
    nextDay();
    let n = 0;
    const run = async (ok: boolean, rateLimited = false) => {
      later(60);
      await database.db
        .insertInto('collection_run')
        .values({
          id: `run-${day}-${n++}`,
          source: 'github',
          started_at: now.toISOString(),
          finished_at: now.toISOString(),
          ok: ok ? 1 : 0,
          error: ok ? null : `failure ${n} ${HOSTILE}`,
          detail: rateLimited ? JSON.stringify({ notes: [], rateLimited: true }) : null,
        })
        .execute();
      return evaluateAlerts(database.db, s, now);
    };
    await run(true);
    await run(false);
    expect(titles()).toEqual([]);
    await run(false);
    await run(false);
    expect(titles()).toEqual(['GitHub collection failed 2 passes in a row']);
    await run(true);
    await run(false);
    await run(false);
    expect(titles()).toHaveLength(2);
    await run(true);
    await run(false, true);
    await run(false, true);
    expect(titles().slice(2)).toEqual([
      'GitHub rate limit ran out',
      'GitHub collection failed 2 passes in a row',
    ]);
  });

  test('a restart and a second process do not send an alert again', async () => {
    const s = settings({ thresholds: [{ metric: 'manual.queue', below: 10 }] });
    nextDay();
    await record('manual.queue', 20);
    await evaluateAlerts(database.db, s, now);
    await record('manual.queue', 5);
    // Two processes, each with its own connection, evaluate the same change at the same moment.
    const second = await openDatabase(testDb.location);
    try {
      const outcomes = await Promise.all([
        evaluateAlerts(database.db, s, now),
        evaluateAlerts(second.db, s, now),
        evaluateAlerts(second.db, s, now),
      ]);
      expect(outcomes.flatMap((o) => o.sent)).toHaveLength(1);
      // A restart: a fresh evaluation against the same database.
      later(5);
      expect((await evaluateAlerts(second.db, s, now)).sent).toEqual([]);
    } finally {
      await second.close();
    }
    expect(titles()).toEqual(['Queue is below 10']);
    expect(sink.received).toHaveLength(3); // one each to Slack, Discord and the webhook
  });

  test('over the hourly cap, alerts are held and go out as one summary line an hour', async () => {
    const metrics = ['a', 'b', 'c', 'd', 'e'].map((m) => `manual.cap-${m}`);
    const s = settings({ maxPerHour: 2, milestones: metrics });
    nextDay();
    for (const m of metrics) await record(m, 50);
    await evaluateAlerts(database.db, s, now);
    for (const m of metrics) await record(m, 150);
    const first = await evaluateAlerts(database.db, s, now);
    expect(first.sent.filter((e) => e.kind !== 'summary')).toHaveLength(2);
    expect(first.held).toHaveLength(3);
    expect(first.summary?.title).toBe('3 more alerts held back');
    expect(first.summary?.message).toContain(
      'Cap c passed 100; Cap d passed 100; Cap e passed 100',
    );
    expect(titles()).toHaveLength(3);

    later(20); // still the same hour: held, no second summary
    for (const m of metrics) await record(m, 600);
    const second = await evaluateAlerts(database.db, s, now);
    expect(second.sent).toEqual([]);
    expect(second.held).toHaveLength(5);
    expect(second.summary).toBeNull();

    later(45); // an hour after the first alerts: room again, and the summary of what waited
    const third = await evaluateAlerts(database.db, s, now);
    expect(third.summary?.title).toBe('5 more alerts held back');
    expect(titles()).toHaveLength(4);
  });

  test('GET /api/alerts lists what was sent, held and summarized', async () => {
    const app = await buildApp({ database, webRoot: null });
    try {
      const response = await app.inject('/api/alerts?limit=500');
      expect(response.statusCode).toBe(200);
      const alerts = response.json() as AlertsResponse;
      expect(alerts.some((a) => a.status === 'sent' && a.kind === 'milestone')).toBe(true);
      expect(alerts.filter((a) => a.kind === 'summary')).toHaveLength(2);
      expect(alerts.filter((a) => a.status === 'summarized')).toHaveLength(8);
      expect(alerts.find((a) => a.title === 'Queue is below 10')!.channels.sort()).toEqual([
        'discord',
        'slack',
        'webhook',
      ]);
      expect((await app.inject('/api/alerts?since=1')).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  test('a webhook that refuses is recorded as failed, not retried', async () => {
    const s = settings({
      thresholds: [{ metric: 'manual.refused', above: 1 }],
      slack: false,
      discord: false,
    });
    nextDay();
    await record('manual.refused', 0);
    await evaluateAlerts(database.db, s, now);
    await record('manual.refused', 2);
    sink.status = 500;
    try {
      const outcome = await evaluateAlerts(database.db, s, now);
      expect(outcome.failed[0]!.errors[0]).toMatch(
        /^webhook: the webhook answered 500 ok; check ALERT_WEBHOOK_URL/,
      );
      expect(outcome.failed[0]!.errors[0]).not.toContain(sink.url);
    } finally {
      sink.status = 200;
    }
    later(10);
    expect((await evaluateAlerts(database.db, s, now)).sent).toEqual([]);
  });
});
