/**
 * The package-downloads step of a collection pass: every configured npm package, PyPI project and
 * Docker Hub repository, one after another. A package that fails (unknown, refused, an API down)
 * is one line in the run's error and a `failed` sync_state row; the others go on. A 429 ends that
 * source's turn for this pass, so a rate limit is not made worse.
 */
import type { Kysely } from 'kysely';
import { PACKAGE_API_ENV, type Environment } from '../../config/env.js';
import type { PackagesConfig } from '../../config/packages.js';
import { saveSyncState } from '../../db/queries/sync-state.js';
import type { Database } from '../../db/schema.js';
import type { ProgressSink } from '../progress.js';
import type { PackageContext, PackageOutcome } from './context.js';
import { collectDockerRepository } from './docker.js';
import { createPackageHttp, PackageApiError, type PackageHttpOptions } from './http.js';
import { collectNpmPackage } from './npm.js';
import { collectPypiProject } from './pypi.js';

export type PackageSourceKey = keyof typeof PACKAGE_API_ENV;

export interface PackagesRunOptions {
  db: Kysely<Database>;
  packages: PackagesConfig;
  env: Pick<Environment, 'npmDownloadsApiUrl' | 'pypiStatsApiUrl' | 'dockerHubApiUrl'>;
  backfill: boolean;
  now: () => Date;
  signal?: AbortSignal;
  progress: ProgressSink;
  /** Retry pacing; tests shorten it. */
  http?: Omit<PackageHttpOptions, 'signal'>;
  /** Pause after each request to PyPI's statistics (it allows about 30 a minute). */
  pypiSpacingMs?: number;
}

export interface PackagesOutcome {
  rows: number;
  requests: number;
  errors: string[];
}

interface SourceSpec {
  /** How the prose names the API (never its host). */
  label: string;
  resource: string;
  url: (env: PackagesRunOptions['env']) => string | null;
  collect: (ctx: PackageContext, name: string) => Promise<PackageOutcome>;
  unknown: (name: string) => string;
}

export const PACKAGE_SOURCES: Record<PackageSourceKey, SourceSpec> = {
  npm: {
    label: 'npm’s download-counts API',
    resource: 'npm_downloads',
    url: (env) => env.npmDownloadsApiUrl,
    collect: collectNpmPackage,
    unknown: (name) =>
      `npm knows no package "${name}" (404); fix its name in packages.npm (scoped packages are written @scope/name).`,
  },
  pypi: {
    label: 'PyPI’s download-statistics API',
    resource: 'pypi_downloads',
    url: (env) => env.pypiStatsApiUrl,
    collect: collectPypiProject,
    unknown: (name) =>
      `PyPI’s download statistics know no project "${name}" (404; a project without downloads in 180 days answers so too); fix packages.pypi.`,
  },
  docker: {
    label: 'Docker Hub’s API',
    resource: 'docker_pulls',
    url: (env) => env.dockerHubApiUrl,
    collect: collectDockerRepository,
    unknown: (name) =>
      `Docker Hub knows no public repository "${name}" (404); fix packages.docker (official images are library/<name>).`,
  },
};

export async function collectPackages(options: PackagesRunOptions): Promise<PackagesOutcome> {
  const outcome: PackagesOutcome = { rows: 0, requests: 0, errors: [] };
  for (const key of Object.keys(PACKAGE_SOURCES) as PackageSourceKey[]) {
    const names = options.packages[key];
    if (names.length === 0) continue;
    const spec = PACKAGE_SOURCES[key];
    const baseUrl = spec.url(options.env);
    if (!baseUrl) {
      outcome.errors.push(missingUrl(key));
      continue;
    }
    const http = createPackageHttp({ ...options.http, signal: options.signal });
    const ctx: PackageContext = { ...options, http, baseUrl };
    for (const name of names) {
      const before = http.usage.requests;
      try {
        outcome.rows += (await spec.collect(ctx, name)).rows;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const message = describePackageError(key, name, error);
        outcome.errors.push(message);
        await markFailed(options, spec.resource, name, error, message);
        if (error instanceof PackageApiError && error.status === 429) break;
      } finally {
        outcome.requests += http.usage.requests - before;
      }
      if (key === 'pypi' && http.usage.requests > before)
        await pause(options.pypiSpacingMs ?? 2100);
    }
  }
  return outcome;
}

export function missingUrl(key: PackageSourceKey): string {
  return `${PACKAGE_API_ENV[key]} is not set, so packages.${key} is not collected; set it in .env to the root of ${PACKAGE_SOURCES[key].label} (README, "Package downloads").`;
}

/** One sentence: what failed, for which package, and what happens or what to do. */
export function describePackageError(key: PackageSourceKey, name: string, error: unknown): string {
  const spec = PACKAGE_SOURCES[key];
  const again = 'the next pass tries again.';
  if (!(error instanceof PackageApiError))
    return `${spec.label} sent an answer for ${name} that Pulseboard cannot read (${(error as Error)?.message ?? String(error)}); ${again}`;
  if (error.status === 404) return spec.unknown(name);
  if (error.status === 429)
    return `${spec.label} is rate-limiting this address (429) at ${name}; the rest of packages.${key} waits for the next pass.`;
  if (error.status === null || error.status >= 500)
    return `${spec.label} ${error.message} for ${name}; ${again}`;
  const said = apiMessage(error.body);
  return `${spec.label} refused ${name} (${error.status}${said ? `: ${said}` : ''}); ${again}`;
}

/** npm says `{error}`, Docker Hub `{message}`. */
function apiMessage(body: unknown): string | null {
  if (body && typeof body === 'object') {
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error === 'string') return error;
    if (typeof message === 'string') return message;
  }
  return null;
}

async function markFailed(
  options: PackagesRunOptions,
  resource: string,
  name: string,
  error: unknown,
  message: string,
) {
  await saveSyncState(options.db, {
    resource,
    scope: name,
    cursor: null,
    etag: null,
    status: error instanceof PackageApiError && error.status === 404 ? 'not_found' : 'failed',
    detail: message,
    updated_at: options.now().toISOString(),
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
