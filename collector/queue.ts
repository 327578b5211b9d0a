/**
 * The PostgreSQL job queue for GitHub passes over many repositories (pg-boss, in its own schema
 * `pgboss`, which it creates and migrates itself). A queued pass puts one job per repository on
 * the queue `github-repo`, keyed by the repository (policy `stately`: one job running and one
 * waiting per repository at most, so two workers never collect the same repository at once);
 * `pulseboard worker` processes take them (`worker.ts`). A failed job is retried with backoff.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type { RunBlocker } from '../db/schema.js';

import { QUEUE_SCHEMA, REPO_QUEUE } from './queue-doctor.js';

export { QUEUE_SCHEMA, REPO_QUEUE };

/**
 * Retries of a failed repository job: after 30 s, 60 s, 120 s (backoff: pg-boss doubles the delay
 * and adds up to as much again at random), then it is failed. The pass that queues the jobs may set
 * another first delay (PULSEBOARD_QUEUE_RETRY_DELAY): it goes on each job.
 */
export const RETRY_LIMIT = 3;
export const RETRY_DELAY_S = 30;
/** A job still running after this is taken for dead (its worker crashed) and retried. */
export const JOB_EXPIRY_S = 4 * 3600;

export interface RepoJob {
  /** owner/name, as the pass resolved it. */
  repo: string;
  /** The pass that queued it: the pass adds up its jobs' outputs. */
  pass: string;
  backfill: boolean;
}

/** What a worker stores on a finished job: its own error; the batch's totals on one job of it. */
export interface RepoJobOutput {
  rows?: number;
  requests?: number;
  points?: number;
  notes?: string[];
  blockers?: RunBlocker[];
  error?: string;
}

/** The job key: one repository, whatever the case it was written in. */
export const repoKey = (repo: string) => repo.toLowerCase();

/**
 * Connects to the queue (creating its schema and queue on first use). `stop` closes it. Two workers
 * started at once can meet in PostgreSQL while pg-boss creates its schema or queue, and one of them
 * is told "deadlock detected" (seen on a fresh database): that one tries again, up to three times.
 */
export async function openQueue(url: string, onError: (message: string) => void): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startQueue(url, onError);
    } catch (error) {
      if ((error as { code?: unknown }).code !== '40P01' || attempt === 3) throw error;
      await sleep(250 * attempt);
    }
  }
}

async function startQueue(url: string, onError: (message: string) => void): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    application_name: 'pulseboard-queue',
    max: 3,
    schedule: false,
  });
  boss.on('error', (error) => onError(`Job queue: ${error.message}`));
  try {
    await boss.start();
    await boss.createQueue(REPO_QUEUE, {
      name: REPO_QUEUE,
      policy: 'stately',
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_S,
      retryBackoff: true,
      expireInSeconds: JOB_EXPIRY_S,
    });
  } catch (error) {
    await boss.stop({ graceful: false, wait: true, close: true }).catch(() => {});
    throw error;
  }
  return boss;
}

const sql = async <T>(boss: PgBoss, text: string, values: unknown[]): Promise<T[]> =>
  (await boss.getDb().executeSql(text, values)).rows as T[];

/**
 * Queues one job per repository for a new pass; a repository whose job is still running (from an
 * earlier pass) gets none: the pass waits for that one instead. Returns the pass id and its keys.
 */
export async function enqueuePass(
  boss: PgBoss,
  repos: readonly string[],
  backfill: boolean,
  retryDelayS = RETRY_DELAY_S,
): Promise<{ pass: string; keys: string[]; running: string[] }> {
  const pass = randomUUID();
  const running = new Set(
    (
      await sql<{ key: string }>(
        boss,
        `SELECT singleton_key AS key FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND state = 'active'`,
        [REPO_QUEUE],
      )
    ).map((row) => row.key),
  );
  const jobs = repos
    .filter((repo) => !running.has(repoKey(repo)))
    .map((repo) => ({
      id: randomUUID(),
      name: REPO_QUEUE,
      data: { repo, pass, backfill } satisfies RepoJob,
      singletonKey: repoKey(repo),
      retryDelay: retryDelayS,
    }));
  // Stately: a repository that already has a job waiting keeps that one (the insert skips it).
  if (jobs.length > 0) await boss.insert(jobs);
  const keys = repos.map(repoKey);
  return { pass, keys, running: repos.filter((repo) => running.has(repoKey(repo))) };
}

/** Waits until no job for these repositories is waiting, retrying or running. */
export async function waitForRepos(
  boss: PgBoss,
  keys: readonly string[],
  options: { pollMs: number; signal?: AbortSignal },
): Promise<void> {
  for (;;) {
    const [open] = await sql<{ n: string }>(
      boss,
      `SELECT count(*) AS n FROM ${QUEUE_SCHEMA}.job
       WHERE name = $1 AND singleton_key = ANY($2) AND state < 'completed'`,
      [REPO_QUEUE, keys],
    );
    if (Number(open!.n) === 0) return;
    await sleep(options.pollMs, undefined, { signal: options.signal });
  }
}

export interface PassJobs {
  outputs: RepoJobOutput[];
  /** Repositories whose job failed for good (retries used up), with the last error. */
  failed: { repo: string; error: string }[];
}

/** The finished jobs of a pass (archived ones too: pg-boss moves completed jobs after 12 h). */
export async function passJobs(boss: PgBoss, pass: string): Promise<PassJobs> {
  const rows = await sql<{ data: RepoJob; state: string; output: RepoJobOutput | null }>(
    boss,
    `SELECT data, state, output FROM ${QUEUE_SCHEMA}.job WHERE name = $1 AND data->>'pass' = $2
     UNION ALL
     SELECT data, state, output FROM ${QUEUE_SCHEMA}.archive WHERE name = $1 AND data->>'pass' = $2`,
    [REPO_QUEUE, pass],
  );
  return {
    outputs: rows.map((row) => row.output ?? {}),
    failed: rows
      .filter((row) => row.state === 'failed')
      .map((row) => ({ repo: row.data.repo, error: row.output?.error ?? 'the job failed' })),
  };
}

/** Cancels the pass's jobs that have not started (the pass was stopped). */
export async function cancelWaiting(boss: PgBoss, pass: string): Promise<void> {
  await sql(
    boss,
    `UPDATE ${QUEUE_SCHEMA}.job SET state = 'cancelled', completed_on = now()
     WHERE name = $1 AND data->>'pass' = $2 AND state < 'active'`,
    [REPO_QUEUE, pass],
  );
}
