/**
 * After each collection pass: observe, compare with the stored state, claim each new event by its
 * unique key, and send what the hourly cap allows. Events over the cap are held and go out as one
 * summary line, at most one an hour. A claimed event is sent once: a failed post is recorded with
 * its error (GET /api/alerts) and not retried, because an alert is about the moment it happened.
 */
import type { Kysely } from 'kysely';
import type { AlertChannel, AlertsConfig } from '../../config/alerts.js';
import type { Objective } from '../../config/load.js';
import {
  advanceAlertState,
  claimAlertEvent,
  countAlertsSentSince,
  findClaimedAlertKeys,
  finishAlertEvent,
  insertAlertState,
  listAlertStates,
  listFinishedRuns,
  listHeldAlerts,
  markAlertsSummarized,
} from '../../db/queries/alerts.js';
import { readRunDetail } from '../../db/queries/runs.js';
import type { Database } from '../../db/schema.js';
import { dashboardLink } from '../../shared/links.js';
import { joinCapped } from '../join-capped.js';
import { evaluateOkrs, summarizeMetrics } from '../metrics/read.js';
import {
  detectAlerts,
  type AlertEvent,
  type Detection,
  type Observations,
  type RunObservation,
  type StoredState,
} from './detect.js';
import { postAlert, type AlertTargets } from './send.js';

export interface AlertSettings {
  project: string;
  timezone: string;
  okrs: readonly Objective[];
  rules: AlertsConfig;
  sources: readonly ('github' | 'discord')[];
  targets: AlertTargets;
  /** Where people open the dashboard (no trailing slash); null: alerts carry no link. */
  dashboardUrl: string | null;
}

/** An event with its dashboard page's full address, as it is sent. */
export type LinkedAlertEvent = AlertEvent & { url: string | null };

/** How many runs back a failure streak is looked for. */
const RUNS_READ = 200;
const HOUR_MS = 3_600_000;

export function alertChannels(rules: AlertsConfig): AlertChannel[] {
  return (['slack', 'discord', 'webhook'] as const).filter((c) => rules[c]);
}

export async function observeAlerts(
  db: Kysely<Database>,
  settings: AlertSettings,
  now: Date,
): Promise<Observations> {
  const [okrs, metrics, runs] = await Promise.all([
    evaluateOkrs(db, settings.project, settings.okrs, settings.timezone, now),
    summarizeMetrics(db, settings.timezone, now, settings.okrs),
    Promise.all(
      settings.sources.map(async (source) => {
        const rows = await listFinishedRuns(db, source, RUNS_READ);
        return [source, rows.map(toRunObservation)] as const;
      }),
    ),
  ]);
  return {
    keyResults: okrs.objectives.flatMap((o) => o.keyResults),
    metrics: new Map(metrics.map((m) => [m.id, m])),
    runs: new Map(runs),
  };
}

function toRunObservation(row: {
  id: string;
  ok: 0 | 1 | null;
  error: string | null;
  detail: string | null;
}): RunObservation {
  const { rateLimited } = readRunDetail(row);
  return { id: row.id, ok: row.ok === 1, error: row.error, rateLimited: !!rateLimited };
}

async function detect(db: Kysely<Database>, settings: AlertSettings, now: Date) {
  const [observations, stored] = await Promise.all([
    observeAlerts(db, settings, now),
    listAlertStates(db),
  ]);
  const states = new Map<string, StoredState>(
    stored.map((s) => [s.subject, { state: s.state, version: s.version }]),
  );
  const detection = detectAlerts(settings.rules, observations, states);
  return {
    ...detection,
    events: detection.events.map((e): LinkedAlertEvent => ({
      ...e,
      url: dashboardLink(settings.dashboardUrl, e.path),
    })),
  };
}

/** What an evaluation now would send, without claiming or recording anything (`--dry-run`). */
export async function planAlerts(
  db: Kysely<Database>,
  settings: AlertSettings,
  now: Date,
): Promise<{ detection: Detection; pending: LinkedAlertEvent[] }> {
  const detection = await detect(db, settings, now);
  const claimed = await findClaimedAlertKeys(
    db,
    detection.events.map((e) => e.key),
  );
  return { detection, pending: detection.events.filter((e) => !claimed.has(e.key)) };
}

export interface AlertOutcome {
  sent: AlertEvent[];
  failed: { event: AlertEvent; errors: string[] }[];
  held: AlertEvent[];
  summary: AlertEvent | null;
}

export async function evaluateAlerts(
  db: Kysely<Database>,
  settings: AlertSettings,
  now: Date,
): Promise<AlertOutcome> {
  const detection = await detect(db, settings, now);
  const at = now.toISOString();
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  let allowed = settings.rules.maxPerHour - (await countAlertsSentSince(db, hourAgo, 'alerts'));
  const outcome: AlertOutcome = { sent: [], failed: [], held: [], summary: null };
  const toSend: LinkedAlertEvent[] = [];
  for (const event of detection.events) {
    const status = allowed > 0 ? 'sending' : 'held';
    const claimed = await claimAlertEvent(db, { ...event, created_at: at, status });
    if (!claimed) continue; // sent before, or by another process
    if (status === 'held') outcome.held.push(event);
    else {
      allowed--;
      toSend.push(event);
    }
  }
  // States move after the claims: a process that dies in between sees the change again, and its
  // event key (named after the old version) is already claimed.
  for (const change of detection.changes) {
    if (change.previous)
      await advanceAlertState(db, {
        subject: change.subject,
        state: change.state,
        version: change.previous.version,
        updated_at: at,
      });
    else
      await insertAlertState(db, { subject: change.subject, state: change.state, updated_at: at });
  }
  for (const event of toSend) await deliver(db, settings, event, at, outcome);
  outcome.summary = await summarizeHeld(db, settings, now, outcome);
  return outcome;
}

async function deliver(
  db: Kysely<Database>,
  settings: AlertSettings,
  event: LinkedAlertEvent,
  at: string,
  outcome: AlertOutcome,
): Promise<void> {
  const channels = alertChannels(settings.rules);
  const results = await postAlert(channels, settings.targets, settings.project, event, at);
  const errors = results.filter((r) => !r.ok).map((r) => r.error!);
  const delivered = results.filter((r) => r.ok).map((r) => r.channel);
  await finishAlertEvent(db, event.key, {
    status: delivered.length > 0 ? 'sent' : 'failed',
    sent_at: delivered.length > 0 ? new Date().toISOString() : null,
    channels: JSON.stringify(delivered),
    error: errors.length > 0 ? errors.join(' ') : null,
  });
  if (delivered.length > 0) outcome.sent.push(event);
  if (errors.length > 0) outcome.failed.push({ event, errors });
}

/** One line for everything held back by the cap, at most once an hour. */
async function summarizeHeld(
  db: Kysely<Database>,
  settings: AlertSettings,
  now: Date,
  outcome: AlertOutcome,
): Promise<AlertEvent | null> {
  const held = await listHeldAlerts(db);
  if (held.length === 0) return null;
  const hourAgo = new Date(now.getTime() - HOUR_MS).toISOString();
  if ((await countAlertsSentSince(db, hourAgo, 'summaries')) > 0) return null;
  const at = now.toISOString();
  const summary: LinkedAlertEvent = {
    key: `summary:${at}`,
    kind: 'summary',
    subject: 'summary',
    title: `${held.length} more ${held.length === 1 ? 'alert' : 'alerts'} held back`,
    message: `At most ${settings.rules.maxPerHour} alerts are sent an hour; also: ${joinCapped(
      held.map((h) => h.title),
      1500,
      '; ',
    )}. GET /api/alerts lists them all.`,
    tone: 'neutral',
    // The held alerts are listed by GET /api/alerts, not on a dashboard page.
    path: null,
    url: null,
  };
  if (!(await claimAlertEvent(db, { ...summary, created_at: at, status: 'sending' }))) return null;
  await markAlertsSummarized(
    db,
    held.map((h) => h.key),
  );
  await deliver(db, settings, summary, at, outcome);
  return summary;
}
