/**
 * Which alerts the current state calls for, given what each subject looked like at the last
 * evaluation. Pure: the caller reads the observations and stored states, and writes the changes.
 *
 * A subject seen for the first time is only recorded: alerts are about changes after they were
 * turned on, not a flood of everything that is already true.
 */
import type { AlertsConfig } from '../../config/alerts.js';
import { formatValue, keyResultValue, STATUS_LABEL, targetText } from '../../shared/format.js';
import { collectionPath, keyResultPath, metricPath } from '../../shared/links.js';
import type { KeyResult } from '../schemas/okrs.js';

export type AlertKind =
  'key_result' | 'threshold' | 'milestone' | 'collection' | 'rate_limit' | 'summary';

export interface AlertEvent {
  /** Unique per event; claiming it in the database is what makes the event go out once. */
  key: string;
  kind: AlertKind;
  subject: string;
  /** Plain text (escaped per channel when sent). */
  title: string;
  message: string;
  /** good news (a milestone, a status for the better), bad news, or neutral. */
  tone: 'good' | 'bad' | 'neutral';
  /** The dashboard page that shows what the alert is about (a path); null when none does. */
  path: string | null;
}

export type KeyResultObservation = Pick<
  KeyResult,
  'id' | 'metric' | 'label' | 'unit' | 'direction' | 'target' | 'status' | 'current'
>;

export interface MetricObservation {
  id: string;
  label: string;
  unit: string;
  current: number | null;
}

export interface RunObservation {
  id: string;
  ok: boolean;
  error: string | null;
  rateLimited: boolean;
}

export interface Observations {
  keyResults: readonly KeyResultObservation[];
  metrics: ReadonlyMap<string, MetricObservation>;
  /** Finished collection runs per configured source, newest first. */
  runs: ReadonlyMap<'github' | 'discord', readonly RunObservation[]>;
}

export interface StoredState {
  state: string;
  version: number;
}

export interface StateChange {
  subject: string;
  state: string;
  /** null: the subject's first observation. */
  previous: StoredState | null;
}

export interface Detection {
  changes: StateChange[];
  events: AlertEvent[];
}

/** Best first; `no_data` is not ranked (a change to or from it is never "for the worse"). */
const STATUS_RANK: Partial<Record<KeyResult['status'], number>> = {
  achieved: 0,
  on_track: 1,
  at_risk: 2,
  off_track: 3,
  missed: 4,
};

export function detectAlerts(
  rules: AlertsConfig,
  observations: Observations,
  states: ReadonlyMap<string, StoredState>,
): Detection {
  const detection: Detection = { changes: [], events: [] };
  /** Records the subject's state; returns the previous one when it changed. */
  const observe = (subject: string, state: string): StoredState | null => {
    const previous = states.get(subject) ?? null;
    if (previous?.state === state) return null;
    detection.changes.push({ subject, state, previous });
    return previous;
  };
  if (rules.keyResults !== 'off') {
    for (const kr of observations.keyResults) {
      const previous = observe(`kr:${kr.id}`, kr.status);
      const event = previous && keyResultEvent(kr, previous, rules.keyResults);
      if (event) detection.events.push(event);
    }
  }
  for (const rule of rules.thresholds) {
    const metric = observations.metrics.get(rule.metric);
    const side = rule.above !== undefined ? 'above' : 'below';
    const limit = (rule.above ?? rule.below)!;
    const current = metric?.current ?? null;
    const subject = `threshold:${rule.metric}:${side}:${limit}`;
    const crossed = current === null ? null : side === 'above' ? current > limit : current < limit;
    const previous = observe(subject, crossed === null ? 'no_data' : crossed ? 'crossed' : 'ok');
    if (previous?.state === 'ok' && crossed && metric) {
      detection.events.push({
        key: `${subject}#${previous.version}`,
        kind: 'threshold',
        subject,
        title: `${metric.label} is ${side} ${formatValue(limit, metric.unit)}`,
        message: `${metric.label} (${metric.id}) is now ${formatValue(current, metric.unit)}, ${side} the alert threshold of ${formatValue(limit, metric.unit)}.`,
        tone: 'bad',
        path: metricPath(metric.id),
      });
    }
  }
  for (const id of rules.milestones) {
    const metric = observations.metrics.get(id);
    if (!metric || metric.current === null) continue;
    const step = milestoneAt(metric.current);
    const subject = `milestone:${id}`;
    const previous = observe(subject, String(step));
    if (previous && step > Number(previous.state))
      detection.events.push(milestoneEvent(subject, { ...metric, current: metric.current }, step));
  }
  for (const [source, runs] of observations.runs)
    detection.events.push(...collectionEvents(rules, source, runs));
  return detection;
}

function milestoneEvent(
  subject: string,
  metric: MetricObservation & { current: number },
  step: number,
): AlertEvent {
  return {
    key: `${subject}:${step}`,
    kind: 'milestone',
    subject,
    title: `${metric.label} passed ${formatValue(step, metric.unit)}`,
    message: `${metric.label} (${metric.id}) reached ${formatValue(metric.current, metric.unit)}, past the ${formatValue(step, metric.unit)} milestone.`,
    tone: 'good',
    path: metricPath(metric.id),
  };
}

function keyResultEvent(
  kr: KeyResultObservation,
  previous: StoredState,
  mode: 'any' | 'worse',
): AlertEvent | null {
  const from = previous.state as KeyResult['status'];
  const before = STATUS_RANK[from];
  const after = STATUS_RANK[kr.status];
  const worse = before !== undefined && after !== undefined && after > before;
  if (mode === 'worse' && !worse) return null;
  const better = before !== undefined && after !== undefined && after < before;
  const subject = `kr:${kr.id}`;
  return {
    key: `${subject}#${previous.version}:${kr.status}`,
    kind: 'key_result',
    subject,
    title: `${kr.label}: ${STATUS_LABEL[from] ?? from} → ${STATUS_LABEL[kr.status]}`,
    message: `Key result "${kr.label}" (${kr.id}) went from ${STATUS_LABEL[from] ?? from} to ${STATUS_LABEL[kr.status]}: now ${keyResultValue(kr, kr.current)}, target ${targetText(kr)}.`,
    tone: worse ? 'bad' : better ? 'good' : 'neutral',
    path: keyResultPath(kr),
  };
}

const SOURCE_NAME = { github: 'GitHub', discord: 'Discord' } as const;

/**
 * A failure streak of N passes, and a pass stopped by the rate limit, each alert once per streak:
 * the key names the newest run before the streak (stable while the streak goes on).
 */
function collectionEvents(
  rules: AlertsConfig,
  source: 'github' | 'discord',
  runs: readonly RunObservation[],
): AlertEvent[] {
  const events: AlertEvent[] = [];
  const name = SOURCE_NAME[source];
  const failing = leadingStreak(runs, (r) => !r.ok);
  if (failing.streak.length >= rules.collection.failures) {
    const subject = `collection:${source}`;
    const n = failing.streak.length;
    events.push({
      key: `${subject}:failing-after:${failing.before}`,
      kind: 'collection',
      subject,
      title: `${name} collection failed ${n} ${n === 1 ? 'pass' : 'passes'} in a row`,
      message: `The last ${n} ${name} collection ${n === 1 ? 'pass' : 'passes'} failed; the newest: ${failing.streak[0]!.error ?? 'no error recorded'}`,
      tone: 'bad',
      path: collectionPath,
    });
  }
  const limited = leadingStreak(runs, (r) => r.rateLimited);
  if (rules.collection.rateLimit && limited.streak.length > 0) {
    const subject = `rate_limit:${source}`;
    events.push({
      key: `${subject}:after:${limited.before}`,
      kind: 'rate_limit',
      subject,
      title: `${name} rate limit ran out`,
      message: `A ${name} collection pass stopped at the rate limit: ${limited.streak[0]!.error ?? 'no details recorded'}`,
      tone: 'bad',
      path: collectionPath,
    });
  }
  return events;
}

/** The newest runs matching `match`, and the id of the run before them ('none' if none is known). */
function leadingStreak(
  runs: readonly RunObservation[],
  match: (run: RunObservation) => boolean,
): { streak: RunObservation[]; before: string } {
  const end = runs.findIndex((r) => !match(r));
  const streak = end === -1 ? [...runs] : runs.slice(0, end);
  return { streak, before: end === -1 ? 'none' : runs[end]!.id };
}

/**
 * The milestone ladder: 100, 500, 1,000, 5,000, 10,000, 50,000, … (1 and 5 times each power of
 * ten from 100). Returns the highest step at or below `value`, or 0 below the first.
 */
export function milestoneAt(value: number): number {
  if (!(value >= 100)) return 0;
  const power = 10 ** Math.floor(Math.log10(value) + 1e-9);
  return value >= 5 * power ? 5 * power : power;
}
