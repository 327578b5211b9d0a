/**
 * A collection pass in its own process, so the bench can watch its memory. Prints a JSON summary
 * (`collectCpuMs`: the process's CPU time by the end of the pass). `BENCH_TRACE=1`: see below.
 */
import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';
import { favouringMemory } from '../collector/memory.js';
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
const status = () => readFileSync('/proc/self/status', 'utf8');
const kb = (field: string, text = status()) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
/**
 * `BENCH_TRACE=1`: one stderr line per phase (repository and resource) and every second, with the
 * process's memory by kind, to find which phase makes the collector's peak.
 */
const trace = process.env.BENCH_TRACE === '1';
let phase = 'start';
const traceLine = (why: string) => {
  const m = process.memoryUsage();
  const text = status();
  const mb = (n: number) => (n / 1048576).toFixed(0);
  process.stderr.write(
    `[mem] ${(performance.now() / 1000).toFixed(1)}s ${why} ${phase} rss=${mb(m.rss)} hwm=${(kb('VmHWM', text) / 1024).toFixed(0)} heapUsed=${mb(m.heapUsed)} heapTotal=${mb(m.heapTotal)} external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)} anon=${(kb('RssAnon', text) / 1024).toFixed(0)} file=${(kb('RssFile', text) / 1024).toFixed(0)} ${getHeapSpaceStatistics()
      .map(
        (s) => `${s.space_name.replace('_space', '')}=${mb(s.space_size)}/${mb(s.space_used_size)}`,
      )
      .join(' ')}\n`,
  );
};
const ticker = trace ? setInterval(() => traceLine('tick'), 1000) : undefined;
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
  ...(trace
    ? {
        progress: (e: { source: string; scope: string; resource: string; done: boolean }) => {
          const now = `${e.source} ${e.scope} ${e.resource}${e.done ? ' done' : ''}`;
          if (now !== phase) {
            phase = now;
            traceLine('phase');
          }
        },
      }
    : {}),
  github: { graphqlSpacingMs: 0 },
});
const collectMs = performance.now() - started;
const cpu = process.cpuUsage();
const collectCpuMs = (cpu.user + cpu.system) / 1000;
if (ticker) {
  clearInterval(ticker);
  traceLine('collected');
}
const peakMb = () => kb('VmHWM') / 1024;
const collectPeakRssMb = peakMb();
const refreshStarted = performance.now();
// As `pulseboard collect` refreshes after its pass (cli/collection.ts), favouring memory.
const rollupRows = job.refresh
  ? await favouringMemory(() => refreshDailyMetrics(database.db, 'UTC', new Date()))
  : 0;
const refreshMs = performance.now() - refreshStarted;
await database.close();
process.stdout.write(
  `${JSON.stringify({ collectMs, collectCpuMs, collectPeakRssMb, refreshMs, refreshPeakRssMb: peakMb(), rollupRows, summaries })}\n`,
);
