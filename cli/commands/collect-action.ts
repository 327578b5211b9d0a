import type { Command } from 'commander';
import type { Config } from '../../config/load.js';
import { loadCommandConfig } from '../config.js';
import { CollectionBusyError, type Source } from '../../collector/run.js';
import { collectAndRefresh } from '../collection.js';
import { openMigratedDatabase } from '../../db/open.js';
import { CliFailure, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { createProgressRenderer } from '../progress.js';
import { queueOptions } from '../queue-options.js';

interface CollectOptions extends GlobalOptions {
  source?: Source;
  backfill?: boolean;
  repo?: string[];
  queue?: boolean;
}

export default function collectAction(io: CliIo, _options: unknown, command: Command) {
  return runCollect(command.optsWithGlobals<CollectOptions>(), io);
}

async function runCollect(options: CollectOptions, io: CliIo): Promise<void> {
  const config = loadCommandConfig(io, options.config);
  const sources = chooseSources(config, options.source);
  requireTokens(config, sources);
  const queue = options.queue ? queueOptions(config, '--queue') : undefined;
  const { database } = await openMigratedDatabase(config.env.database);
  const controller = new AbortController();
  void io.untilStopped().then((signal) => {
    io.stderr(`Stopping (${signal}); the next pass resumes where this one stopped.`);
    controller.abort();
  });
  io.stderr(
    `Collecting ${sources.join(' and ')}${options.backfill ? ' (backfill)' : ''}${queue ? ' (GitHub repositories through the job queue: pulseboard worker processes collect them)' : ''}; Ctrl-C stops, and the next pass resumes there.`,
  );
  const progress = createProgressRenderer(io.progressStream, io.stderr);
  try {
    const summaries = await collectAndRefresh({
      db: database.db,
      config,
      sources,
      backfill: options.backfill ?? false,
      repo: options.repo?.at(-1),
      queue,
      signal: controller.signal,
      progress: progress.sink,
      log: io.stderr,
      alertLog: io.stderr,
    });
    progress.stop();
    reportSummaries(summaries, io);
  } catch (error) {
    if (error instanceof CollectionBusyError) throw new CliFailure(error.message);
    throw error;
  } finally {
    progress.stop();
    await database.close();
  }
}

/** Each source's notes and cost on stderr; a failed source fails the command with its error. */
function reportSummaries(
  summaries: Awaited<ReturnType<typeof collectAndRefresh>>,
  io: CliIo,
): void {
  const failures: string[] = [];
  for (const s of summaries) {
    for (const note of s.notes) io.stderr(`${s.source}: ${note}`);
    const cost = `${s.rows} rows, ${s.requests} requests, ${s.points} GraphQL points`;
    if (s.ok) io.stderr(`${s.source}: done — ${cost}.`);
    else failures.push(`${s.source}: ${s.error} (${cost})`);
  }
  if (failures.length > 0) throw new CliFailure(failures.join('\n'));
}

/** A source that needs a token (or, for Discord, an invite code) fails before any request. */
function requireTokens(config: Config, sources: readonly Source[]): void {
  if (sources.includes('github') && !config.env.githubToken && !config.env.githubApp) {
    throw new UsageError(
      'GITHUB_TOKEN is not set; put a token with read access to the repositories in .env (see the README).',
    );
  }
  if (sources.includes('discord') && !config.env.discordBotToken && !config.discord?.inviteCode) {
    throw new UsageError(
      'DISCORD_BOT_TOKEN is not set; put your bot’s token in .env, or set discord.inviteCode for counts without a bot.',
    );
  }
}

/** The sources this pass covers: the one asked for (which must be configured), else all configured. */
function chooseSources(config: Config, source: Source | undefined): Source[] {
  if (source === 'github' && !config.github) {
    throw new UsageError(
      'github is not configured; add github: { repos: [owner/name] } to the config to collect from GitHub.',
    );
  }
  if (source === 'discord' && !config.discord) {
    throw new UsageError(
      'discord is not configured; add discord: { guildId: "…" } to the config to collect from Discord.',
    );
  }
  if (source === 'packages' && !config.packages) {
    throw new UsageError(
      'packages is not configured; add packages: { npm: [name] } (or pypi:, docker:) to the config to count downloads.',
    );
  }
  if (source) return [source];
  return [
    ...(config.github ? ['github' as const] : []),
    ...(config.discord ? ['discord' as const] : []),
    ...(config.packages ? ['packages' as const] : []),
  ];
}
