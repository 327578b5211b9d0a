/**
 * Reading /api/health for the header and for live refresh. Fields beyond the schema this build
 * knows (a `degraded` status, a failing source) are read defensively: the server may be newer.
 */
import { collectionSourceOf } from '../../../shared/format.js';
import type { HealthResponse } from './api.js';

export interface SourceState {
  source: string;
  /** When its newest pass finished; null before the first one. */
  finishedAt: string | null;
  ok: boolean | null;
  error: string | null;
}

/** Changes whenever a collection pass finishes: the dashboard refetches when it does. */
export function versionStamp(health: HealthResponse | null): string {
  if (!health) return '';
  const sources = Object.values(health.sources ?? {}).map((r) => r?.finishedAt ?? '-');
  return [health.lastRun?.finishedAt ?? '-', ...sources].join('|');
}

/** Every source the server reports, in its order, with its newest pass. */
export function sourceStates(health: HealthResponse | null): SourceState[] {
  if (!health || typeof health.sources !== 'object' || health.sources === null) return [];
  return Object.entries(health.sources as Record<string, unknown>).map(([source, value]) => {
    const run = (value ?? null) as Partial<{
      finishedAt: string;
      ok: boolean;
      error: string | null;
    }> | null;
    return {
      source,
      finishedAt: run?.finishedAt ?? null,
      ok: typeof run?.ok === 'boolean' ? run.ok : null,
      error: run?.error ?? null,
    };
  });
}

export const SOURCE_NAMES: Record<string, string> = {
  github: 'GitHub',
  discord: 'Discord',
  packages: 'Package downloads',
};

/** Whether a pass of the metric's source has finished without failing (its data is in). */
export function collected(health: HealthResponse | null, metricId: string): boolean {
  const state = sourceStates(health).find((s) => s.source === collectionSourceOf(metricId));
  return state?.finishedAt !== null && state?.finishedAt !== undefined && state.ok === true;
}
