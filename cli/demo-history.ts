/**
 * The demo's last weeks of daily readings for the two sources whose history is a running total read
 * once a day: Docker Hub's `pull_count` and release assets' `download_count`. Neither API serves the
 * past, so a real install shows their first daily figure the day after its first pass; the demo
 * plays the daily passes it would have made before today: the Docker Hub collector at noon of each
 * day against the stand-in with its clock there (before the backfill), and the release assets'
 * counts as the releases collector stores them (the stand-in's listing at that noon, through the
 * collector's own rows; after the backfill has stored the repositories).
 */
import type { Kysely } from 'kysely';
import { toReleaseRows, type ReleaseJson } from '../collector/github/releases.js';
import { runCollection } from '../collector/run.js';
import type { Config } from '../config/load.js';
import { upsertAssetCounts, upsertReleases } from '../db/queries/releases.js';
import type { Database } from '../db/schema.js';
import { listReleases, type ReleasesMode } from '../demo/github/releases.js';
import type { RepoData } from '../demo/github/world.js';
import { refreshDailyMetrics } from '../server/metrics/refresh.js';

/** Days of daily readings played before the demo's first real pass. */
export const DEMO_HISTORY_DAYS = 28;
const DAY = 86_400_000;

export interface DailyHistoryOptions {
  db: Kysely<Database>;
  config: Config;
  /** The demo's present; the readings are at noon (UTC) of the days before it. */
  now: string;
  /** Moves the package stand-ins' clock. */
  packageClock: (at: number) => void;
  github: { repos: readonly RepoData[]; releases: ReleasesMode; origin: string };
}

/** Docker Hub's daily snapshots of the days before today, through its collector (before the backfill). */
export async function playDockerHistory(options: DailyHistoryOptions): Promise<void> {
  const docker = options.config.packages?.docker ?? [];
  if (docker.length === 0) return;
  try {
    for (const at of historyNoons(options.now)) await readDockerAt(options, docker, at);
  } finally {
    options.packageClock(Date.parse(options.now));
  }
}

/**
 * The release assets' counts of the days before today (after the backfill, which stores the
 * repositories they belong to), then the rollups again.
 */
export async function playReleaseHistory(options: DailyHistoryOptions): Promise<void> {
  for (const at of historyNoons(options.now)) await readReleasesAt(options, at);
  await refreshDailyMetrics(options.db, options.config.timezone, new Date());
}

/** Noon (UTC) of each of the DEMO_HISTORY_DAYS days before `now`'s, oldest first. */
function historyNoons(now: string): number[] {
  const today = Date.parse(`${now.slice(0, 10)}T12:00:00Z`);
  return Array.from({ length: DEMO_HISTORY_DAYS }, (_, i) => today - (DEMO_HISTORY_DAYS - i) * DAY);
}

async function readDockerAt(options: DailyHistoryOptions, docker: readonly string[], at: number) {
  options.packageClock(at);
  const [summary] = await runCollection({
    db: options.db,
    config: {
      ...options.config,
      github: null,
      discord: null,
      packages: { npm: [], pypi: [], docker: [...docker] },
    },
    sources: ['packages'],
    now: () => new Date(at),
  });
  if (!summary?.ok) throw new Error(`the demo's Docker Hub history failed: ${summary?.error}`);
}

async function readReleasesAt(options: DailyHistoryOptions, at: number) {
  const readAt = new Date(at).toISOString();
  for (const repo of options.github.repos) {
    const { origin, releases } = options.github;
    const listed = listReleases(repo, readAt, origin, releases, true) as ReleaseJson[];
    const rows = toReleaseRows(String(repo.id), listed, readAt);
    await upsertReleases(options.db, rows.releases);
    await upsertAssetCounts(options.db, rows.counts);
  }
}
