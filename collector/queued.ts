/**
 * A GitHub pass through the job queue (`collect --queue`, `start --queue`, PostgreSQL only): this
 * process resolves the repositories (the organisations' listings), queues one job per repository
 * and waits while `pulseboard worker` processes collect them; then it derives contributors once
 * and adds up the jobs' rows, requests and points into the pass's own run.
 */
import { refreshContributors } from '../db/queries/github.js';
import { collectGithub, passWideError, type GithubOutcome } from './github/collect.js';
import type { GithubContext } from './github/context.js';
import { resolveRepos, type RepoSelection } from './github/repos.js';

export interface QueueOptions {
  /** The PostgreSQL database (postgres://…) the queue lives in. */
  url: string;
  /** How often the pass looks whether its jobs are done (default 1 s). */
  pollMs?: number;
  /** Seconds before a failed job's first retry (default RETRY_DELAY_S; doubling after). */
  retryDelayS?: number;
}

/** The workers' requests and points, added to this process's own by the pass. */
export type QueuedOutcome = GithubOutcome & { requests: number; points: number };

/** The GitHub pass: through the queue when `queue` is set, else in this process. */
export function githubPass(queue: QueueOptions | undefined) {
  return async (ctx: GithubContext, selection: RepoSelection): Promise<QueuedOutcome> =>
    queue
      ? collectGithubQueued(ctx, selection, queue)
      : { ...(await collectGithub(ctx, selection)), requests: 0, points: 0 };
}

export async function collectGithubQueued(
  ctx: GithubContext,
  selection: RepoSelection,
  queue: QueueOptions,
): Promise<QueuedOutcome> {
  // Loaded on demand: pg-boss is needed only here and in `pulseboard worker`.
  const { cancelWaiting, enqueuePass, openQueue, passJobs, waitForRepos } =
    await import('./queue.js');
  const names = await resolveRepos(ctx, selection).catch((error: unknown) => {
    throw passWideError(error, ctx) ?? error;
  });
  const outcome: QueuedOutcome = {
    ...{ repos: names, rows: 0, notes: [], blockers: [], errors: [], failed: [] },
    ...{ requests: 0, points: 0 },
  };
  const boss = await openQueue(
    queue.url,
    (line) => ctx.signal?.aborted || outcome.notes.push(line),
  );
  let pass: string | null = null;
  try {
    const queued = await enqueuePass(boss, names, ctx.backfill, queue.retryDelayS);
    pass = queued.pass;
    for (const repo of queued.running)
      outcome.notes.push(`${repo}: a worker was still collecting it from an earlier pass.`);
    await waitForRepos(boss, queued.keys, { pollMs: queue.pollMs ?? 1000, signal: ctx.signal });
    const jobs = await passJobs(boss, pass);
    for (const output of jobs.outputs) {
      outcome.rows += output.rows ?? 0;
      outcome.requests += output.requests ?? 0;
      outcome.points += output.points ?? 0;
      outcome.notes.push(...(output.notes ?? []));
      outcome.blockers.push(...(output.blockers ?? []));
    }
    for (const { repo, error } of jobs.failed) {
      outcome.failed.push(repo);
      outcome.errors.push(`${repo}: ${error} (retries used up; the next pass tries again)`);
    }
    await refreshContributors(ctx.db);
    return outcome;
  } finally {
    // Stopped: the jobs not yet started are dropped; running ones finish in their workers.
    if (ctx.signal?.aborted && pass) await cancelWaiting(boss, pass).catch(() => {});
    await boss.stop({ graceful: false, wait: true, close: true });
  }
}
