import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { runCli } from '../../helpers/cli.js';
import {
  createTestDatabase,
  DIALECTS,
  pulseboardDb,
  type TestDatabase,
} from '../../helpers/databases.js';
import { startWebhookSink } from '../../helpers/webhook-sink.js';

const CONFIG = `project: Demo
dashboardUrl: https://pulse.example.org/
github: { repos: [acme/core] }
alerts:
  milestones: [manual.members]
  webhook: true
`;

describe.each(DIALECTS)('pulseboard alerts on %s', (dialect) => {
  let testDb: TestDatabase;
  let sink: Awaited<ReturnType<typeof startWebhookSink>>;
  let cwd: string;
  let env: Record<string, string>;

  async function record(value: number) {
    const database = await openDatabase(testDb.location);
    try {
      await migrateToLatest(database.db);
      const today = new Date().toISOString().slice(0, 10);
      await upsertManualValue(database.db, {
        metric: 'manual.members',
        at: today,
        value,
        recorded_at: new Date().toISOString(),
        source: 'cli',
      });
      await refreshDailyMetrics(database.db, 'UTC', new Date());
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    sink = await startWebhookSink();
    cwd = mkdtempSync(join(tmpdir(), 'pulseboard-alerts-'));
    writeFileSync(join(cwd, 'pulseboard.yaml'), CONFIG);
    env = {
      PULSEBOARD_DB: pulseboardDb(testDb.location),
      ALERT_WEBHOOK_URL: `${sink.url}/hook`,
      ALERT_WEBHOOK_SECRET: 'cli-secret',
    };
    await record(900);
  });
  afterAll(async () => {
    await sink?.close();
    await testDb?.drop();
  });

  test('--dry-run prints what would be sent and changes nothing; two processes send an alert once', async () => {
    const first = await runCli(['alerts', '--dry-run'], { cwd, env });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({
      alerts: [],
      firstObservations: ['milestone:manual.members'],
    });
    // Dry runs record nothing: the real run still sees the subject for the first time.
    const firstReal = await runCli(['alerts'], { cwd, env });
    expect(firstReal.stderr).toContain('Alerts: nothing new to send.');

    await record(1200);
    const dry = await runCli(['alerts', '--dry-run'], { cwd, env });
    const plan = JSON.parse(dry.stdout) as {
      alerts: {
        title: string;
        wouldBe: string;
        payloads: { webhook: { headers: Record<string, string>; body: { url?: string } } };
      }[];
    };
    expect(plan.alerts.map((a) => [a.title, a.wouldBe])).toEqual([
      ['Members passed 1,000', 'sent'],
    ]);
    expect(plan.alerts[0]!.payloads.webhook.headers['x-pulseboard-signature']).toMatch(
      /^sha256=[0-9a-f]{64}$/,
    );
    // The config's dashboardUrl reaches the alert: it links to the metric's page.
    expect(plan.alerts[0]!.payloads.webhook.body.url).toBe(
      'https://pulse.example.org/metrics/manual.members',
    );
    expect(sink.received).toHaveLength(0);

    const runs = await Promise.all([
      runCli(['alerts'], { cwd, env }),
      runCli(['alerts'], { cwd, env }),
    ]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs.map((r) => r.stderr).join('')).toContain('Alert sent: Members passed 1,000');
    expect(sink.received).toHaveLength(1);
    const again = await runCli(['alerts'], { cwd, env });
    expect(again.stderr).toContain('nothing new to send');
    expect(sink.received).toHaveLength(1);
  }, 120_000);

  test('without alerts: in the config it exits 2 with one line saying how to turn them on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-alerts-'));
    writeFileSync(join(dir, 'pulseboard.yaml'), 'project: Demo\ngithub: { repos: [acme/core] }\n');
    const result = await runCli(['alerts', '--dry-run'], { cwd: dir, env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('add an alerts: section');
  }, 30_000);
});
