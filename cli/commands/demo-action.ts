/**
 * `pulseboard demo`: the whole pipeline offline. Starts the GitHub, Discord and package-download
 * stand-ins on loopback with a generated two-year community, writes a demo config, backfills through the real collectors,
 * then serves the dashboard and keeps collecting every minute while the stand-ins add activity.
 * Everything lives in ./data/demo (its own database); no token, no network.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig, type Config } from '../../config/load.js';
import { renderDemoConfig } from '../../demo/config.js';
import { serveHandler } from '../../demo/http.js';
import { upsertManualValue } from '../../db/queries/manual.js';
import { collectAndRefresh } from '../collection.js';
import { openMigratedDatabase } from '../../db/open.js';
import { CliFailure } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { DEMO_DIR } from '../paths.js';
import { createProgressRenderer } from '../progress.js';

interface DemoOptions extends GlobalOptions {
  port?: number;
  faults?: number;
  faultSeed?: number;
}

const HOUR = 3_600_000;

export default function demoAction(io: CliIo, _options: unknown, command: Command) {
  return runDemo(command.optsWithGlobals<DemoOptions>(), io);
}

async function runDemo(options: DemoOptions, io: CliIo): Promise<void> {
  const modules = await loadDemoModules();
  const dir = resolve(io.cwd, DEMO_DIR);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  const now = new Date(Math.floor(Date.now() / HOUR) * HOUR).toISOString();
  const standIns = await startStandIns(modules, now, io);
  const config = writeDemoConfig(dir, standIns, options.port ?? 3000, now);
  await backfillDemo(config, io, now, standIns);

  if (options.faults) {
    // Timeouts come from 'slow' answers that outlast the collector's 30 s request timeout.
    standIns.github.faults = modules.createFaultInjector({
      seed: options.faultSeed ?? 1,
      rate: options.faults,
    });
    io.stderr(
      `Fault mode: ${Math.round(options.faults * 100)}% of GitHub stand-in requests fail (seed ${options.faultSeed ?? 1}); the Collection page shows how each pass ended.`,
    );
  }
  const activity = standIns.startActivity();
  const serving = await modules.serve(config, io, {
    port: config.env.port,
    schedule: true,
    verbose: options.verbose ?? false,
  });
  io.stderr(
    `Pulseboard demo is serving ${serving.url} (config and data in ${dir}). Press Ctrl-C to stop.`,
  );
  try {
    const signal = await io.untilStopped();
    io.stderr(`Stopping (${signal}).`);
  } finally {
    clearInterval(activity);
    await serving.stop();
    await standIns.close();
  }
}

/** Loaded on demand, so other commands do not pay for the stand-ins and the web server. */
async function loadDemoModules() {
  const [discord, faults, githubStandIn, world, serve, packages] = await Promise.all([
    import('../../demo/discord/stand-in.js'),
    import('../../demo/faults.js'),
    import('../../demo/github/stand-in.js'),
    import('../../demo/github/world.js'),
    import('../serve.js'),
    import('../../demo/packages/serve.js'),
  ]);
  return { ...discord, ...faults, ...githubStandIn, ...world, ...serve, ...packages };
}

type DemoModules = Awaited<ReturnType<typeof loadDemoModules>>;
type DemoStandIns = Awaited<ReturnType<typeof startStandIns>>;

/** A generated community behind the GitHub, Discord and package stand-ins, served on loopback. */
async function startStandIns(m: DemoModules, now: string, io: CliIo) {
  io.stderr(
    'Generating a two-year community (3 repositories, ~10k stars, ~2k pull requests, ~5k Discord members)…',
  );
  const world = m.createWorld({
    now,
    repos: 3,
    stars: 10_000,
    pulls: 2_000,
    issues: 5_000,
    commits: 3_000,
  });
  const guild = m.createGuild({ now, members: 5_800 });
  const github = m.createGithubStandIn(world);
  const discord = m.createDiscordStandIn(guild);
  const githubServer = await serveHandler((request) => github.handle(request));
  const discordServer = await serveHandler((request) => discord.handle(request));
  const packages = await m.servePackageStandIns(now);
  return {
    github,
    githubUrl: githubServer.url,
    discordUrl: discordServer.url,
    packageEnv: packages.env,
    packageClock: packages.advance,
    repos: world.repos.map(m.fullName),
    guildId: guild.guildId,
    packages: m.DEMO_PACKAGES,
    /**
     * New activity every minute, collected by the schedule as it would be on a real project.
     * At the history's own pace, in real time: no spike at the end of every chart.
     */
    startActivity: () => {
      const carry = new Map<string, number>();
      const guildCarry = { joins: 0, leaves: 0 };
      const activity = setInterval(() => {
        m.advanceWorldAtPace(world, Date.now(), carry);
        m.advanceGuildAtPace(guild, Date.now(), guildCarry);
        packages.advance(Date.now());
      }, 60_000);
      activity.unref();
      return activity;
    },
    close: async () => {
      await githubServer.close();
      await discordServer.close();
      await packages.close();
    },
  };
}

/** The demo's config file, and its own environment: stand-in URLs and placeholder tokens, never the user's .env. */
function writeDemoConfig(dir: string, standIns: DemoStandIns, port: number, now: string) {
  writeFileSync(
    join(dir, 'pulseboard.yaml'),
    renderDemoConfig({
      repos: standIns.repos,
      guildId: standIns.guildId,
      year: new Date(now).getUTCFullYear(),
      dashboardUrl: port === 0 ? null : `http://127.0.0.1:${port}`,
      packages: standIns.packages,
    }),
  );
  return loadConfig({
    cwd: dir,
    env: {
      GITHUB_API_URL: standIns.githubUrl,
      GITHUB_TOKEN: 'demo-token',
      DISCORD_API_URL: `${standIns.discordUrl}/api/v10`,
      DISCORD_BOT_TOKEN: 'demo-bot-token',
      ...standIns.packageEnv,
      PULSEBOARD_DB: join(dir, 'pulseboard.db'),
      PORT: String(port),
    },
  });
}

/** Two years of history through the real collectors, into the demo's own database. */
async function backfillDemo(
  config: Config,
  io: CliIo,
  now: string,
  standIns: DemoStandIns,
): Promise<void> {
  const { database } = await openMigratedDatabase(config.env.database);
  const progress = createProgressRenderer(io.progressStream, io.stderr);
  try {
    await recordDemoRevenue(database.db, now);
    const history = await import('../demo-history.js');
    const played = {
      db: database.db,
      config,
      now,
      packageClock: standIns.packageClock,
      github: {
        repos: standIns.github.world.repos,
        releases: standIns.github.releases,
        origin: standIns.githubUrl,
      },
    };
    io.stderr(
      `Playing the last ${history.DEMO_HISTORY_DAYS} days' daily readings of Docker Hub pulls and release downloads (running totals no API serves for the past)…`,
    );
    await history.playDockerHistory(played);
    io.stderr('Backfilling through the real collectors…');
    const summaries = await collectAndRefresh({
      db: database.db,
      config,
      backfill: true,
      progress: progress.sink,
      github: { graphqlSpacingMs: 5 },
    });
    progress.stop();
    const failed = summaries.filter((s) => !s.ok);
    if (failed.length > 0)
      throw new CliFailure(
        `The demo backfill failed: ${failed.map((s) => `${s.source}: ${s.error}`).join('; ')}`,
      );
    for (const s of summaries)
      io.stderr(`${s.source}: ${s.rows} rows, ${s.requests} requests, ${s.points} GraphQL points.`);
    await history.playReleaseHistory(played);
  } finally {
    progress.stop();
    await database.close();
  }
}

/** Monthly ARR and quarterly NPS values this year, as a team would record them with `pulseboard record`. */
async function recordDemoRevenue(
  db: Parameters<typeof upsertManualValue>[0],
  now: string,
): Promise<void> {
  const end = new Date(now);
  for (let month = 0; month <= end.getUTCMonth(); month++) {
    const at = new Date(Date.UTC(end.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
    await upsertManualValue(db, {
      metric: 'manual.arr',
      at,
      value: 90_000 + month * 12_500,
      recorded_at: now,
      source: 'cli',
    });
  }
  // A Net Promoter Score surveyed each quarter from April on: first recorded after the year began,
  // so a key result on it (examples/strategy.yaml) shows its baseline as its first value.
  for (const [month, value] of [
    [3, 31],
    [6, 36],
    [9, 41],
  ] as const) {
    if (month > end.getUTCMonth()) break;
    const at = new Date(Date.UTC(end.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
    await upsertManualValue(db, {
      metric: 'manual.nps',
      at,
      value,
      recorded_at: now,
      source: 'cli',
    });
  }
}
