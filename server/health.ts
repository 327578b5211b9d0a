/**
 * What `/api/health` answers: is the database up, did each configured source's latest pass
 * succeed, and did it leave something only the user can fix (a permission the bot lacks). A failed
 * GitHub pass must show even when a Discord pass finished after it, so the status looks at every
 * source's own latest pass, not at the newest run overall.
 */
import type { DatabaseHandle } from '../db/connect.js';
import {
  findFirstFailureOfStreak,
  findLastFinishedRun,
  pingDatabase,
} from '../db/queries/health.js';
import { readRunDetail } from '../db/queries/runs.js';
import type { CollectionRun } from '../db/schema.js';
import { describeBlockers } from './blockers.js';
import type { HealthResponse, SourceAction, SourceFailure } from './schemas/health.js';

export type CollectionSource = CollectionRun['source'];
export const ALL_SOURCES: readonly CollectionSource[] = ['github', 'discord', 'packages'];

/** The health answer; `configured` lists the sources the config collects (others are ignored). */
export async function readHealth(
  database: DatabaseHandle,
  configured: readonly CollectionSource[] = ALL_SOURCES,
): Promise<Omit<HealthResponse, 'warnings'>> {
  const db = { status: 'ok' as const, dialect: database.dialect };
  if (!(await pingDatabase(database.db))) {
    return {
      status: 'error',
      db: { ...db, status: 'unreachable' },
      lastRun: null,
      sources: { github: null, discord: null, packages: null },
      failing: [],
      needsAction: [],
    };
  }
  const [run, github, discord, packages] = await Promise.all([
    findLastFinishedRun(database.db),
    findLastFinishedRun(database.db, 'github'),
    findLastFinishedRun(database.db, 'discord'),
    findLastFinishedRun(database.db, 'packages'),
  ]);
  const latest = { github, discord, packages };
  const failing: SourceFailure[] = [];
  const needsAction: SourceAction[] = [];
  for (const source of ALL_SOURCES) {
    const last = latest[source];
    if (!configured.includes(source) || !last) continue;
    const message = describeBlockers(readRunDetail(last).blockers ?? []);
    if (message) needsAction.push({ source, message });
    if (last.ok !== 0) continue;
    const first = await findFirstFailureOfStreak(database.db, source);
    failing.push({
      source,
      since: (first ?? last).finished_at!,
      lastFailedAt: last.finished_at!,
      error: oneLine(last.error),
    });
  }
  return {
    status: failing.length > 0 ? 'degraded' : 'ok',
    db,
    lastRun: runInfo(run),
    sources: {
      github: runInfo(github),
      discord: runInfo(discord),
      packages: runInfo(packages),
    },
    failing,
    needsAction,
  };
}

/** The `/api/health` answer (the server-rendered overview embeds the same). */
export async function healthAnswer(
  database: DatabaseHandle,
  configured: readonly CollectionSource[] | undefined,
  warnings: readonly string[],
): Promise<HealthResponse> {
  // Warnings do not change the status: the server works, it only has nothing useful to collect.
  return { ...(await readHealth(database, configured)), warnings: [...warnings] };
}

/** The first line of a recorded cause (a pass joins several causes with spaces, never newlines). */
export function oneLine(error: string | null): string {
  const line = (error ?? '').split('\n', 1)[0]!.trim();
  return line === ''
    ? 'The pass failed without saying why; run `pulseboard collect --verbose`.'
    : line;
}

function runInfo(run: CollectionRun | undefined) {
  return run
    ? { source: run.source, finishedAt: run.finished_at!, ok: run.ok === 1, error: run.error }
    : null;
}
