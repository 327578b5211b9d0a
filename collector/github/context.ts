import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ProgressSink } from '../progress.js';
import type { BotList } from './actors.js';
import type { GithubClient } from './client.js';

/** What every GitHub resource collector gets. */
export interface GithubContext {
  db: Kysely<Database>;
  client: GithubClient;
  bots: BotList;
  backfill: boolean;
  signal?: AbortSignal;
  progress: ProgressSink;
  now: () => Date;
  /** Repositories collected at once (default 1). */
  concurrency?: number;
  /** Derive contributors after the pass (default true); a queue worker leaves it to the pass. */
  deriveContributors?: boolean;
}

/** A tracked repository as the collectors address it. */
export interface RepoRef {
  id: string;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string | null;
  /** GitHub's `pushed_at`: when it has not moved, there are no new commits. */
  pushedAt: string | null;
}

/** Reports a REST resource's progress for one repository (the core rate budget). */
export function reportRestProgress(
  ctx: GithubContext,
  repo: RepoRef,
  resource: string,
  counts: { items: number; pages: number; done: boolean },
): void {
  ctx.progress({
    source: 'github',
    scope: repo.fullName,
    resource,
    items: counts.items,
    pages: counts.pages,
    total: null,
    rateRemaining: ctx.client.usage.rate.core?.remaining ?? null,
    done: counts.done,
  });
}
