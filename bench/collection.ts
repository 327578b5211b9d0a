/**
 * Collection cost at the design's scale: a backfill through the real collectors against the
 * stand-ins over HTTP (requests and GraphQL points per resource against the minimum, wall time,
 * peak RSS of the collector process), then an unchanged pass and a pass after 1% new items.
 * Next to it, the request count of the naive REST way (list + one call per PR for reviews and one
 * per issue for comments), computed from the same sizes.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  advanceGuild,
  createDiscordStandIn,
  createGuild,
  currentMembers,
} from '../demo/discord/stand-in.js';
import { createGithubStandIn } from '../demo/github/stand-in.js';
import { HISTORY_MAX_PER_PAGE, starHistoryWeeks } from '../demo/github/star-history.js';
import { advanceWorld, createWorld, fullName } from '../demo/github/world.js';
import { serveHandler } from '../demo/http.js';
import { refreshOnce } from './time-zone.js';

export const SCALE = {
  stars: 100_000,
  pulls: 20_000,
  issues: 30_000,
  commits: 20_000,
  members: 50_000,
};

export interface PassResult {
  wallMs: number;
  /** Peak RSS of the collector process while collecting, and by the end of the rollup refresh. */
  collectPeakRssMb: number;
  peakRssMb: number;
  requests: Record<string, number>;
  points: number;
  notModified: number;
  rows: number;
}

const CHILD = fileURLToPath(new URL('./collect-child.js', import.meta.url));

/** Peak resident memory of a running process, sampled from /proc. */
function watchRss(pid: number): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
    } catch {
      // the process has exited
    }
  }, 50);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** The generator's sizes at `scale`× (1× = SCALE). */
export const scaled = (scale: number) =>
  Object.fromEntries(
    Object.entries(SCALE).map(([k, v]) => [k, Math.round(v * scale)]),
  ) as typeof SCALE;

/** The bench's community at `scale` (three repositories and a guild, three years), served. */
export async function serveBenchWorld(scale: number) {
  const size = scaled(scale);
  const now = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
  const world = createWorld({ now, repos: 3, days: 1095, ...size });
  const guild = createGuild({ now, members: size.members, days: 1095 });
  const github = createGithubStandIn(world);
  const discord = createDiscordStandIn(guild);
  // Budgets past a GitHub App's: the bench measures cost, not waiting (a 10× backfill spends more
  // than 5,000 core requests, and the unchanged pass after it stopped at the 10% reserve).
  github.rate.graphql.limit = github.rate.graphql.remaining = 50_000;
  github.rate.core.limit = github.rate.core.remaining = 50_000;
  const githubServer = await serveHandler((r) => github.handle(r));
  const discordServer = await serveHandler((r) => discord.handle(r));
  return { size, world, guild, github, discord, githubServer, discordServer };
}

export async function benchCollection(db: string, log: (line: string) => void, scale = 1) {
  const size = scaled(scale);
  log(
    `Generating ${size.stars} stars, ${size.pulls} PRs, ${size.issues} issues, ${size.members} members (${scale}×)…`,
  );
  const { world, guild, github, discord, githubServer, discordServer } =
    await serveBenchWorld(scale);

  const pass = async (
    backfill: boolean,
    refresh = true,
  ): Promise<PassResult & { refreshMs: number; rollupRows: number }> => {
    github.resetStats();
    discord.stats.requests = 0;
    discord.stats.routes = {};
    const job = {
      db,
      githubUrl: githubServer.url,
      discordUrl: `${discordServer.url}/api/v10`,
      guildId: guild.guildId,
      repos: world.repos.map(fullName),
      backfill,
      refresh,
    };
    const child = spawn(process.execPath, [CHILD, JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const peak = watchRss(child.pid!);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    const peakRssMb = peak();
    const result = JSON.parse(out) as {
      collectMs: number;
      collectPeakRssMb: number;
      refreshMs: number;
      rollupRows: number;
      summaries: { rows: number; ok: boolean; error: string | null }[];
    };
    for (const s of result.summaries) if (!s.ok) throw new Error(`bench pass failed: ${s.error}`);
    return {
      wallMs: result.collectMs,
      collectPeakRssMb: result.collectPeakRssMb,
      refreshMs: result.refreshMs,
      rollupRows: result.rollupRows,
      peakRssMb,
      requests: {
        ...github.stats.operations,
        ...Object.fromEntries(
          Object.entries(github.stats.routes).map(([k, v]) => [`REST ${k}`, v]),
        ),
        ...Object.fromEntries(
          Object.entries(discord.stats.routes).map(([k, v]) => [`Discord ${k}`, v]),
        ),
      },
      points: github.stats.points,
      notModified: github.stats.notModified,
      rows: result.summaries.reduce((n, s) => n + s.rows, 0),
    };
  };

  log('Backfill…');
  const backfill = await pass(true);
  const minimum = {
    // Stars come from the star-history endpoint: one request per 30 weeks of the repo's life.
    'REST GET /repos/:owner/:repo/stargazers/history': world.repos.reduce(
      (n, r) => n + Math.ceil(starHistoryWeeks(r, world.now).length / HISTORY_MAX_PER_PAGE),
      0,
    ),
    PullRequests: world.repos.reduce((n, r) => n + Math.ceil(r.pulls.length / 50), 0),
    Issues: world.repos.reduce((n, r) => n + Math.ceil(r.issues.length / 50), 0),
    'REST GET /repos/:owner/:repo/commits': world.repos.reduce(
      (n, r) => n + Math.ceil(r.commits.length / 100),
      0,
    ),
    'Discord GET /guilds/:id/members': Math.ceil(currentMembers(guild).length / 1000),
  };
  const naive = world.repos.reduce(
    (n, r) =>
      n +
      Math.ceil(r.stars.length / 100) +
      Math.ceil(r.pulls.length / 100) +
      r.pulls.length +
      Math.ceil(r.issues.length / 100) +
      r.issues.length +
      Math.ceil(r.commits.length / 100),
    0,
  );

  log('Unchanged pass…');
  const unchanged = await pass(false);
  advanceWorld(world, 0.01);
  advanceGuild(guild, Math.ceil(size.members * 0.01), 50);
  log('Pass after 1% new items…');
  // Collected without a refresh: the refresh that follows is timed in a process of its own.
  const onePercent = await pass(false, false);
  log('Incremental refresh after it, then a full rebuild…');
  const incremental = refreshOnce(db, 'UTC');
  const rebuild = refreshOnce(db, 'UTC', true);
  await githubServer.close();
  await discordServer.close();
  return {
    backfill,
    minimum,
    naive,
    unchanged,
    onePercent,
    incremental,
    rebuild,
    repos: world.repos.length,
  };
}
