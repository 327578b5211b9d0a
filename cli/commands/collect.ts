import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { runCollection, type Source } from '../../collector/run.js';
import { openMigratedDatabase } from '../database.js';
import { CliFailure, NotAvailableError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';
import { parseRepoFlag } from '../options.js';
import { createProgressRenderer } from '../progress.js';

interface CollectOptions extends GlobalOptions {
  source?: Source;
  backfill?: boolean;
  repo?: string[];
}

export function registerCollect(program: Command, io: CliIo): void {
  program
    .command('collect')
    .description('run one collection pass (progress on stderr); safe to interrupt and run again')
    .addOption(
      new Option('--source <source>', 'collect only this source').choices(['github', 'discord']),
    )
    .option('--backfill', 'fetch the full history, using the whole rate-limit budget if needed')
    .option('--repo <owner/name>', 'collect only this repository', parseRepoFlag)
    .action(async (_options, command: Command) => {
      const options = command.optsWithGlobals<CollectOptions>();
      const config = loadConfig({ cwd: io.cwd, env: io.env, file: options.config });
      if (options.source === 'discord') {
        throw new NotAvailableError(
          'Discord collection (pulseboard collect --source discord) is not available in this version of Pulseboard yet.',
        );
      }
      if (!config.github) {
        throw new UsageError(
          'github is not configured; add github: { repos: [owner/name] } to the config to collect from GitHub.',
        );
      }
      if (!config.env.githubToken) {
        throw new UsageError(
          'GITHUB_TOKEN is not set; put a token with read access to the repositories in .env (see the README).',
        );
      }
      const repo = options.repo?.at(-1);
      const { database } = await openMigratedDatabase(config.env.database);
      const controller = new AbortController();
      void io.untilStopped().then((signal) => {
        io.stderr(`Stopping after the current page (${signal}); the next pass resumes here.`);
        controller.abort();
      });
      const progress = createProgressRenderer(io.progressStream, io.stderr);
      try {
        const summaries = await runCollection({
          db: database.db,
          config,
          sources: ['github'],
          backfill: options.backfill ?? false,
          repo,
          signal: controller.signal,
          progress: progress.sink,
          log: io.stderr,
        });
        progress.stop();
        const failures: string[] = [];
        for (const s of summaries) {
          for (const note of s.notes) io.stderr(`${s.source}: ${note}`);
          const cost = `${s.rows} rows, ${s.requests} requests, ${s.points} GraphQL points`;
          if (s.ok) io.stderr(`${s.source}: done — ${cost}.`);
          else failures.push(`${s.source}: ${s.error} (${cost})`);
        }
        if (config.discord)
          io.stderr('discord: skipped — Discord collection is not available in this version yet.');
        if (failures.length > 0) throw new CliFailure(failures.join('\n'));
      } finally {
        progress.stop();
        await database.close();
      }
    });
}
