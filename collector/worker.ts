/**
 * A queue worker (`pulseboard worker`): takes repository jobs from the PostgreSQL queue
 * (`queue.ts`), a batch at a time, and collects them as one GitHub pass over those repositories
 * (so the probe still asks about the whole batch in one query). Each job is completed or failed
 * on its own (a failed one is retried with backoff, by any worker); contributors and rollups are
 * left to the pass that queued the jobs, which derives them once when all are done.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { Config } from '../config/load.js';
import type { Database } from '../db/schema.js';
import { BotList } from './github/actors.js';
import { createGithubClient } from './github/client.js';
import { collectGithub, type GithubOutcome } from './github/collect.js';
import { favouringMemory } from './memory.js';
import { REPO_QUEUE, repoKey, type RepoJob, type RepoJobOutput } from './queue.js';
import { describeGithubError } from './run-errors.js';
import { systemClock, type CollectionOptions } from './run.js';

export interface WorkerOptions {
  db: Kysely<Database>;
  boss: PgBoss;
  config: Pick<Config, 'github' | 'env'>;
  /** Ends the worker: its current batch stops and its jobs go back to the queue (retried). */
  signal: AbortSignal;
  log: (line: string) => void;
  /** Jobs taken at once (default 20). */
  batchSize?: number;
  /** Repositories of a batch collected at once (default 1: GitHub asks for serial requests). */
  concurrency?: number;
  /** How often an idle worker looks for jobs (default 1 s). */
  pollMs?: number;
  github?: CollectionOptions['github'];
}

/** Runs until `signal` aborts. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  while (!options.signal.aborted) {
    const jobs = await options.boss.fetch<RepoJob>(REPO_QUEUE, {
      batchSize: options.batchSize ?? 20,
      includeMetadata: true,
    });
    if (jobs.length === 0) {
      await sleep(options.pollMs ?? 1000, undefined, { signal: options.signal }).catch(() => {});
      continue;
    }
    for (const backfill of [true, false]) {
      const batch = jobs.filter((job) => job.data.backfill === backfill);
      if (batch.length > 0) await workBatch(options, batch, backfill);
    }
  }
}

async function workBatch(
  options: WorkerOptions,
  jobs: PgBoss.JobWithMetadata<RepoJob>[],
  backfill: boolean,
): Promise<void> {
  const { config, signal } = options;
  const client = createGithubClient({
    token: config.env.githubToken,
    app: config.env.githubApp,
    baseUrl: config.env.githubApiUrl,
    backfill,
    signal,
    log: options.log,
    graphqlSpacingMs: config.env.githubGraphqlSpacingMs,
    ...options.github,
  });
  let outcome: GithubOutcome | null = null;
  let batchError: string | null = null;
  try {
    outcome = await favouringMemory(() =>
      collectGithub(
        {
          db: options.db,
          client,
          bots: new BotList(config.github?.bots ?? []),
          backfill,
          signal,
          progress: () => {},
          now: systemClock,
          deriveContributors: false,
          concurrency: options.concurrency,
        },
        {
          repos: jobs.map((job) => job.data.repo),
          orgs: [],
          includeForks: true,
          includeArchived: true,
        },
      ),
    );
  } catch (error) {
    batchError = signal.aborted
      ? 'The worker was stopped; another worker takes the repository up again.'
      : describeGithubError(error);
  }
  const totals: RepoJobOutput = {
    rows: outcome?.rows ?? 0,
    requests: client.usage.requests,
    points: client.usage.points,
    notes: outcome?.notes ?? [],
    blockers: outcome?.blockers ?? [],
  };
  const errors = await settle(options.boss, jobs, outcome, batchError, totals);
  const failed = batchError ? jobs.length : (outcome?.failed.length ?? 0);
  options.log(
    `Collected ${jobs.length - failed} of ${jobs.length} repositories: ${totals.rows} rows, ${totals.requests} requests, ${totals.points} points${batchError ? ` (${batchError})` : failed > 0 ? ` (${failed} failed)` : ''}.`,
  );
  if (!signal.aborted) logFailures(options.log, jobs, errors);
}

/** One line per failed job: retried by the queue, or failed for good. */
function logFailures(
  log: (line: string) => void,
  jobs: PgBoss.JobWithMetadata<RepoJob>[],
  errors: Map<PgBoss.Job<RepoJob>, string>,
): void {
  for (const job of jobs) {
    const error = errors.get(job);
    if (!error) continue;
    log(
      job.retryCount < job.retryLimit
        ? `${job.data.repo}: attempt ${job.retryCount + 1} failed (${error}); the queue retries it.`
        : `${job.data.repo}: failed for good after ${job.retryLimit} retries (${error}); the next pass queues it again.`,
    );
  }
}

/**
 * Completes or fails each job; the batch's totals go on the first completed job (else the first).
 * Returns the failed jobs' errors.
 */
async function settle(
  boss: PgBoss,
  jobs: PgBoss.Job<RepoJob>[],
  outcome: GithubOutcome | null,
  batchError: string | null,
  totals: RepoJobOutput,
): Promise<Map<PgBoss.Job<RepoJob>, string>> {
  const errors = new Map<PgBoss.Job<RepoJob>, string>();
  const errorOf = (job: PgBoss.Job<RepoJob>): string | null => {
    if (batchError) return batchError;
    const index = outcome!.failed.findIndex((name) => repoKey(name) === repoKey(job.data.repo));
    // "owner/name: what happened; the next pass retries it.": the cause alone (the queue retries,
    // and the pass puts the name back).
    if (index < 0) return null;
    const line = outcome!.errors[index]!.slice(outcome!.failed[index]!.length + 2);
    return line.replace(/; the next pass retries it\.$/, '');
  };
  const carrier = jobs.find((job) => errorOf(job) === null) ?? jobs[0]!;
  for (const job of jobs) {
    const error = errorOf(job);
    const output: RepoJobOutput = job === carrier ? { ...totals } : {};
    if (error === null) await boss.complete(REPO_QUEUE, job.id, output);
    else {
      await boss.fail(REPO_QUEUE, job.id, { ...output, error });
      errors.set(job, error);
    }
  }
  return errors;
}
