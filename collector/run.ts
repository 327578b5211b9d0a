/**
 * One collection pass for each configured source: records a `collection_run` (requests, points,
 * rows, outcome) whatever happens, so /api/health and the Collection page can tell.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../config/load.js';
import { finishRun, insertRun } from '../db/queries/runs.js';
import type { Database } from '../db/schema.js';
import { BotList } from './github/actors.js';
import { createGithubClient, type GithubClientOptions } from './github/client.js';
import { collectGithub } from './github/collect.js';
import type { ProgressSink } from './progress.js';

export type Source = 'github' | 'discord';

export interface CollectionOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'github' | 'discord' | 'env'>;
  sources?: readonly Source[];
  backfill?: boolean;
  /** Only this repository (owner/name). */
  repo?: string;
  signal?: AbortSignal;
  progress?: ProgressSink;
  now?: () => Date;
  log?: (message: string) => void;
  /** Pacing knobs; tests shorten the waits. */
  github?: Pick<GithubClientOptions, 'graphqlSpacingMs' | 'retryAfterBaseMs'>;
}

export interface RunSummary {
  id: string;
  source: Source;
  ok: boolean;
  rows: number;
  requests: number;
  points: number;
  notes: string[];
  error: string | null;
}

export async function runCollection(options: CollectionOptions): Promise<RunSummary[]> {
  const summaries: RunSummary[] = [];
  const wanted = options.sources ?? ['github', 'discord'];
  if (wanted.includes('github') && options.config.github) summaries.push(await runGithub(options));
  return summaries;
}

async function runGithub(options: CollectionOptions): Promise<RunSummary> {
  const github = options.config.github!;
  const now = options.now ?? (() => new Date());
  const id = randomUUID();
  await insertRun(options.db, { id, source: 'github', started_at: now().toISOString() });
  const client = createGithubClient({
    token: options.config.env.githubToken,
    baseUrl: options.config.env.githubApiUrl,
    backfill: options.backfill ?? false,
    signal: options.signal,
    log: options.log,
    ...options.github,
  });
  const summary: RunSummary = {
    id,
    source: 'github',
    ok: false,
    rows: 0,
    requests: 0,
    points: 0,
    notes: [],
    error: null,
  };
  try {
    const outcome = await collectGithub(
      {
        db: options.db,
        client,
        bots: new BotList(github.bots),
        backfill: options.backfill ?? false,
        signal: options.signal,
        progress: options.progress ?? (() => {}),
        now,
      },
      {
        repos: options.repo ? [options.repo] : github.repos,
        orgs: options.repo ? [] : github.orgs,
        includeForks: github.includeForks,
        includeArchived: github.includeArchived,
      },
    );
    summary.rows = outcome.rows;
    summary.notes = outcome.notes;
    summary.ok = outcome.errors.length === 0;
    summary.error = outcome.errors.length > 0 ? outcome.errors.join(' ') : null;
  } catch (error) {
    summary.error = describe(error);
  } finally {
    summary.requests = client.usage.requests;
    summary.points = client.usage.points;
    await finishRun(options.db, id, {
      finished_at: now().toISOString(),
      ok: summary.ok ? 1 : 0,
      requests: summary.requests,
      points: summary.points,
      rows: summary.rows,
      error: summary.error,
      detail: summary.notes.length > 0 ? JSON.stringify({ notes: summary.notes }) : null,
    });
  }
  return summary;
}

function describe(error: unknown): string {
  if ((error as Error)?.name === 'AbortError')
    return 'Collection was interrupted; the next pass resumes where it stopped.';
  return error instanceof Error ? error.message : String(error);
}
