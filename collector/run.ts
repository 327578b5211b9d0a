/**
 * One collection pass for each configured source: records a `collection_run` (requests, points,
 * rows, outcome) whatever happens, so /api/health and the Collection page can tell.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Config } from '../config/load.js';
import { acquireLease, findLease, releaseLease, renewLease } from '../db/queries/lease.js';
import { closeAbandonedRuns, finishRun, insertRun } from '../db/queries/runs.js';
import type { Database, RunBlocker, RunDetail } from '../db/schema.js';
import { collectDiscord, createDiscordRest } from './discord/collect.js';
import { BotList } from './github/actors.js';
import {
  BudgetReserveError,
  createGithubClient,
  type GithubClientOptions,
} from './github/client.js';
import { GithubRateLimitError } from './github/collect.js';
import { githubPass, type QueueOptions } from './queued.js';
import { describe, describeDiscordError, describeGithubError } from './run-errors.js';
import { favouringMemory } from './memory.js';
import { collectPackages, type PackagesRunOptions } from './packages/collect.js';
import type { ProgressSink } from './progress.js';

export type Source = 'github' | 'discord' | 'packages';

export interface CollectionOptions {
  db: Kysely<Database>;
  config: Pick<Config, 'github' | 'discord' | 'env'> & Partial<Pick<Config, 'packages'>>;
  sources?: readonly Source[];
  backfill?: boolean;
  /** Only this repository (owner/name). */
  repo?: string;
  signal?: AbortSignal;
  progress?: ProgressSink;
  now?: () => Date;
  log?: (message: string) => void;
  /** Pacing knobs; tests shorten the waits. */
  github?: Pick<
    GithubClientOptions,
    'graphqlSpacingMs' | 'retryAfterBaseMs' | 'requestTimeoutMs'
  > & {
    /** Repositories collected at once (default 1: GitHub asks for serial requests). */
    concurrency?: number;
  };
  /** PostgreSQL only: GitHub repositories go to the job queue, for `pulseboard worker`s. */
  queue?: QueueOptions;
  /** Pacing knobs of the package sources; tests shorten the waits. */
  packages?: Pick<PackagesRunOptions, 'http' | 'pypiSpacingMs'>;
}

export interface RunSummary {
  id: string;
  source: Source;
  ok: boolean;
  rows: number;
  requests: number;
  points: number;
  notes: string[];
  /** The notes that need the user's action (`/api/health` names them). */
  blockers: RunBlocker[];
  error: string | null;
  /** The pass stopped because GitHub's rate limit ran out (or only its reserve was left). */
  rateLimited?: boolean;
}

/** Another process (or the schedule) is collecting; this pass did not start. */
export class CollectionBusyError extends Error {
  override name = 'CollectionBusyError';
}

const LEASE = 'collection';
/** A holder renews its lease every minute; a dead holder's lease runs out after this. */
export const LEASE_TTL_MS = 5 * 60_000;

/** The system clock: the default `now` everywhere, read through the options once it is chosen. */
export const systemClock = (): Date => new Date();

/** A pass's options once its clock is chosen (at the pass's entry, then passed down). */
type PassOptions = CollectionOptions & { now: () => Date };

export async function runCollection(collection: CollectionOptions): Promise<RunSummary[]> {
  return favouringMemory(() => collect(collection));
}

async function collect(collection: CollectionOptions): Promise<RunSummary[]> {
  const options: PassOptions = { ...collection, now: collection.now ?? systemClock };
  const { now } = options;
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  if (!(await takeCollectionLease(options.db, holder, now()))) {
    const lease = await findLease(options.db, LEASE);
    throw new CollectionBusyError(
      `A collection is already running (${lease?.holder.split(':').slice(0, 2).join(' pid ') ?? 'another process'}, since ${lease?.acquired_at ?? 'just now'}); this one was not started.`,
    );
  }
  heldHere.add(holder);
  const renew = setInterval(() => {
    renewLease(options.db, LEASE, holder, LEASE_TTL_MS, now()).catch(() => {});
  }, 60_000);
  renew.unref();
  try {
    // Holding the lease, no other pass is running: unfinished runs belong to dead processes.
    await closeAbandonedRuns(options.db, now().toISOString());
    const summaries: RunSummary[] = [];
    const wanted = options.sources ?? ['github', 'discord', 'packages'];
    if (wanted.includes('github') && options.config.github)
      summaries.push(await runGithub(options));
    if (wanted.includes('discord') && options.config.discord)
      summaries.push(await runDiscord(options));
    if (wanted.includes('packages') && options.config.packages)
      summaries.push(await runPackages(options));
    return summaries;
  } finally {
    clearInterval(renew);
    heldHere.delete(holder);
    await releaseLease(options.db, LEASE, holder);
  }
}

async function runPackages(options: PassOptions): Promise<RunSummary> {
  const { summary, finish } = await startRun(options, 'packages');
  try {
    const outcome = await collectPackages({
      db: options.db,
      packages: options.config.packages!,
      env: options.config.env,
      backfill: options.backfill ?? false,
      now: options.now,
      signal: options.signal,
      progress: options.progress ?? (() => {}),
      ...options.packages,
    });
    summary.rows = outcome.rows;
    summary.requests = outcome.requests;
    summary.ok = outcome.errors.length === 0;
    summary.error = summary.ok ? null : outcome.errors.join(' ');
  } catch (error) {
    summary.error = describe(error);
  } finally {
    await finish();
  }
  return summary;
}

async function runDiscord(options: PassOptions): Promise<RunSummary> {
  const discord = options.config.discord!;
  const { env } = options.config;
  const { now } = options;
  const { summary, finish } = await startRun(options, 'discord');
  try {
    if (!env.discordBotToken && !discord.inviteCode) {
      throw new Error(
        'DISCORD_BOT_TOKEN is not set and discord.inviteCode is not configured; add a bot token to .env (or a public invite code to the config).',
      );
    }
    const outcome = await collectDiscord({
      db: options.db,
      rest: env.discordBotToken ? createDiscordRest(env.discordApiUrl, env.discordBotToken) : null,
      publicRest: createDiscordRest(env.discordApiUrl, null),
      guildId: discord.guildId,
      inviteCode: discord.inviteCode,
      backfill: options.backfill ?? false,
      signal: options.signal,
      progress: options.progress ?? (() => {}),
      now,
    });
    Object.assign(summary, {
      ok: outcome.errors.length === 0,
      rows: outcome.rows,
      requests: outcome.requests,
      notes: outcome.notes,
      blockers: outcome.blockers,
      error: outcome.errors.length > 0 ? outcome.errors.join(' ') : null,
    });
  } catch (error) {
    summary.error = describeDiscordError(error, discord.guildId, options.signal);
  } finally {
    await finish();
  }
  return summary;
}

async function runGithub(options: PassOptions): Promise<RunSummary> {
  const github = options.config.github!;
  const { now } = options;
  const { summary, finish } = await startRun(options, 'github');
  let workers = { requests: 0, points: 0 };
  const client = createGithubClient({
    token: options.config.env.githubToken,
    app: options.config.env.githubApp,
    baseUrl: options.config.env.githubApiUrl,
    backfill: options.backfill ?? false,
    signal: options.signal,
    log: options.log,
    graphqlSpacingMs: options.config.env.githubGraphqlSpacingMs,
    ...options.github,
  });
  try {
    if (!options.config.env.githubToken && !options.config.env.githubApp) {
      throw new Error(
        'GITHUB_TOKEN is not set; put a token with read access to the repositories in .env (or a GitHub App: GITHUB_APP_ID, see the README).',
      );
    }
    const outcome = await githubPass(options.queue)(
      {
        db: options.db,
        client,
        bots: new BotList(github.bots),
        backfill: options.backfill ?? false,
        signal: options.signal,
        progress: options.progress ?? (() => {}),
        now,
        concurrency: options.github?.concurrency,
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
    summary.blockers = outcome.blockers;
    summary.ok = outcome.errors.length === 0;
    summary.error = outcome.errors.length > 0 ? outcome.errors.join(' ') : null;
    workers = outcome; // the queue workers' requests and points (none in this process's pass)
  } catch (error) {
    summary.error = describeGithubError(error);
    summary.rateLimited =
      error instanceof GithubRateLimitError || error instanceof BudgetReserveError;
  } finally {
    summary.requests = client.usage.requests + workers.requests;
    summary.points = client.usage.points + workers.points;
    await finish();
  }
  return summary;
}

/** Records a run as started; `finish` records how it ended, whatever happened. */
async function startRun(options: PassOptions, source: Source) {
  const { now } = options;
  const id = randomUUID();
  await insertRun(options.db, { id, source, started_at: now().toISOString() });
  const summary: RunSummary = {
    id,
    source,
    ok: false,
    rows: 0,
    requests: 0,
    points: 0,
    notes: [],
    blockers: [],
    error: null,
  };
  const finish = () =>
    finishRun(options.db, id, {
      finished_at: now().toISOString(),
      ok: summary.ok ? 1 : 0,
      requests: summary.requests,
      points: summary.points,
      rows: summary.rows,
      error: summary.error,
      detail: runDetail(summary),
    });
  return { summary, finish };
}

/** `collection_run.detail`: notes for the operator, and whether the rate limit stopped the pass. */
function runDetail(summary: RunSummary): string | null {
  if (summary.notes.length === 0 && !summary.rateLimited) return null;
  const detail: RunDetail = {
    notes: summary.notes,
    ...(summary.blockers.length > 0 ? { blockers: summary.blockers } : {}),
    ...(summary.rateLimited ? { rateLimited: true } : {}),
  };
  return JSON.stringify(detail);
}

async function takeCollectionLease(
  db: Kysely<Database>,
  holder: string,
  at: Date,
): Promise<boolean> {
  if (await acquireLease(db, LEASE, holder, LEASE_TTL_MS, at)) return true;
  // A holder that died on this machine (killed, crashed) need not be waited out.
  const lease = await findLease(db, LEASE);
  if (!lease || !holderIsDeadHere(lease.holder)) return false;
  await releaseLease(db, LEASE, lease.holder);
  return acquireLease(db, LEASE, holder, LEASE_TTL_MS, at);
}

/** Leases this process holds now: its own pid in a holder not among them is a former life's. */
const heldHere = new Set<string>();

/**
 * `host:pid:…` of a process on this machine that no longer runs. A container restarted with the
 * same hostname often gets the same pid (1) again, so our own pid counts as dead unless we hold it.
 */
export function holderIsDeadHere(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  if (Number(pid) === process.pid) return !heldHere.has(holder);
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
