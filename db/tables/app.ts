/** Pulseboard's own tables: manual values, daily rollups, sync state, runs, leases, digests and alerts. */
import type { Generated } from 'kysely';
import type { Bool } from '../schema.js';

export interface ManualValueTable {
  metric: string;
  /** YYYY-MM-DD. */
  at: string;
  value: number;
  recorded_at: string;
  source: 'cli' | 'api' | 'csv';
}

export interface DailyMetricTable {
  metric: string;
  /** 'all', or a repo id for per-repo series. */
  scope: string;
  day: string;
  value: number | null;
}

export interface SyncStateTable {
  resource: string;
  /** Usually a repo id or guild id. */
  scope: string;
  cursor: string | null;
  etag: string | null;
  /** 'ok', or why a resource is limited, e.g. 'refused' for a hidden stargazer list. */
  status: string;
  detail: string | null;
  updated_at: string;
}

export interface CollectionRunTable {
  id: string;
  source: 'github' | 'discord' | 'packages';
  started_at: string;
  finished_at: string | null;
  /** null while running. */
  ok: Bool | null;
  requests: Generated<number>;
  points: Generated<number>;
  rows: Generated<number>;
  error: string | null;
  /** JSON `RunDetail`; null when the pass left nothing to say besides its error. */
  detail: string | null;
}

/**
 * What stopped a pass from collecting all it should, that only the user can change (a permission,
 * the config): the health banner names it until a pass of the source no longer meets it.
 */
export type RunBlocker =
  | {
      kind: 'discord-channel';
      /** Without `#`. */
      channel: string;
      permission: 'View Channel' | 'Read Message History';
    }
  | { kind: 'discord-members' }
  | { kind: 'github-traffic'; repo: string }
  | { kind: 'github-renamed'; from: string; to: string };

/** `collection_run.detail`: what a pass leaves for the operator besides its error. */
export interface RunDetail {
  /** Every note, in full, for the Collection page (informational ones too). */
  notes: string[];
  /** The notes that need the user's action, as facts (absent in passes recorded before them). */
  blockers?: RunBlocker[];
  /** GitHub's rate limit (or its reserve) stopped the pass. */
  rateLimited?: true;
}

/** A named lock with an expiry, so a dead holder's lock runs out. */
export interface LeaseTable {
  name: string;
  holder: string;
  acquired_at: string;
  expires_at: string;
}

export interface DigestDeliveryTable {
  /** ISO week, e.g. 2026-W47. */
  week: string;
  channel: 'slack' | 'discord';
  sent_at: string;
}

/** What a watched subject (a key result, a threshold, a milestone) looked like at the last evaluation. */
export interface AlertStateTable {
  /** e.g. `kr:merge-time`, `threshold:github.stars:above:5000`, `milestone:github.stars`. */
  subject: string;
  /** A status, `above`/`below`, or the highest milestone reached. */
  state: string;
  /** Goes up by one at each change; part of the next event's key, so a change is claimed once. */
  version: number;
  updated_at: string;
}

export type AlertEventStatus = 'sending' | 'sent' | 'failed' | 'held' | 'summarized';

/** One alert: claimed by inserting its key (unique) before anything is sent. */
export interface AlertEventTable {
  key: string;
  kind: string;
  subject: string;
  /** Plain text; escaped per channel when sent. */
  title: string;
  message: string;
  created_at: string;
  /** held: over the hourly cap, waiting for the summary line; summarized: counted in one. */
  status: AlertEventStatus;
  sent_at: string | null;
  /** JSON list of the channels it went to. */
  channels: string | null;
  error: string | null;
}
