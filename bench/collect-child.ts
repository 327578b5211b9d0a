/** A collection pass in its own process, so the bench can watch its memory. Prints a JSON summary. */
import { readFileSync } from 'node:fs';
import { runCollection } from '../collector/run.js';
import { openMigratedDatabase } from '../db/open.js';
import { refreshDailyMetrics } from '../server/metrics/refresh.js';

interface Job {
  db: string;
  githubUrl: string;
  discordUrl: string;
  guildId: string;
  repos: string[];
  backfill: boolean;
  /** Refresh the rollups after the pass (the bench times some refreshes in a process of their own). */
  refresh: boolean;
}

const job = JSON.parse(process.argv[2]!) as Job;
const { database } = await openMigratedDatabase({ kind: 'sqlite', path: job.db });
const started = performance.now();
const summaries = await runCollection({
  db: database.db,
  config: {
    github: { repos: job.repos, orgs: [], bots: [], includeForks: false, includeArchived: false },
    discord: { guildId: job.guildId, inviteCode: null },
    env: {
      githubToken: 'bench-token',
      githubApiUrl: job.githubUrl,
      discordBotToken: 'bench-bot-token',
      discordApiUrl: job.discordUrl,
    } as never,
  },
  backfill: job.backfill,
  github: { graphqlSpacingMs: 0 },
});
const collectMs = performance.now() - started;
const peakMb = () =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const collectPeakRssMb = peakMb();
const refreshStarted = performance.now();
const rollupRows = job.refresh ? await refreshDailyMetrics(database.db, 'UTC', new Date()) : 0;
const refreshMs = performance.now() - refreshStarted;
await database.close();
process.stdout.write(
  `${JSON.stringify({ collectMs, collectPeakRssMb, refreshMs, refreshPeakRssMb: peakMb(), rollupRows, summaries })}\n`,
);
