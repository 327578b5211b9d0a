/**
 * `pulseboard doctor`: one line per check of the setup, each failure with what to do.
 * Exit code 1 when any check fails (warnings are fine).
 */
import type { Command } from 'commander';
import type { Config } from '../../config/load.js';
import { loadCommandConfig } from '../config.js';
import { PLACEHOLDER_REPO } from '../../config/starter.js';
import { createGithubClient } from '../../collector/github/client.js';
import { checkGithub, type Check } from '../../collector/github/doctor.js';
import { checkPackages } from '../../collector/packages/doctor.js';
import { checkQueue } from '../../collector/queue-doctor.js';
import { openDatabase } from '../../db/connect.js';
import { findPendingMigrations } from '../../db/migrate.js';
import { CliFailure } from '../errors.js';
import type { CliIo } from '../io.js';
import type { GlobalOptions } from '../main.js';

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

export default async function doctorAction(
  io: CliIo,
  _options: unknown,
  command: Command,
): Promise<void> {
  const options = command.optsWithGlobals<GlobalOptions>();
  const config = loadCommandConfig(io, options.config);
  const keyResults = config.okrs.reduce((n, o) => n + o.keyResults.length, 0);
  const checks: Check[] = [
    {
      status: 'ok',
      what: 'config',
      detail: `${config.file}: ${config.okrs.length} objectives, ${keyResults} key results`,
    },
    ...(await checkDatabase(config)),
    ...(await checkGithubSetup(config)),
    ...(await checkDiscordSetup(config)),
    ...(config.packages ? await checkPackages(config.packages, config.env) : []),
    ...checkWebhooks(config),
  ];
  for (const check of checks) io.stdout(`${MARK[check.status]} ${check.what}: ${check.detail}`);
  const failed = checks.filter((c) => c.status === 'fail').length;
  if (failed > 0)
    throw new CliFailure(
      `${failed} check${failed === 1 ? '' : 's'} failed; fix ${failed === 1 ? 'it' : 'them'} as described above and run pulseboard doctor again.`,
    );
}

/** The database's schema, and on PostgreSQL the job queue's jobs (once it was used). */
async function checkDatabase(config: Config): Promise<Check[]> {
  try {
    const database = await openDatabase(config.env.database);
    try {
      const pending = await findPendingMigrations(database.db);
      const queue = database.dialect === 'postgres' ? await checkQueue(database.db) : null;
      const schema: Check =
        pending.length === 0
          ? {
              status: 'ok',
              what: 'database',
              detail: `${database.dialect} ${database.where}, schema up to date`,
            }
          : {
              status: 'warn',
              what: 'database',
              detail: `${database.dialect} ${database.where}: ${pending.length} migration(s) to apply; pulseboard start or pulseboard migrate applies them`,
            };
      return queue ? [schema, queue] : [schema];
    } finally {
      await database.close();
    }
  } catch (error) {
    return [{ status: 'fail', what: 'database', detail: (error as Error).message }];
  }
}

async function checkGithubSetup(config: Config): Promise<Check[]> {
  if (!config.github) return [];
  if (config.github.repos.includes(PLACEHOLDER_REPO)) {
    return [
      {
        status: 'fail',
        what: 'github.repos',
        detail: `${PLACEHOLDER_REPO} is the placeholder pulseboard init writes; put your repository (owner/name) in ${config.file}`,
      },
    ];
  }
  if (!config.env.githubToken && !config.env.githubApp) {
    return [
      {
        status: 'fail',
        what: 'GitHub token',
        detail: 'GITHUB_TOKEN is not set; put a token with read access to the repositories in .env',
      },
    ];
  }
  const client = createGithubClient({
    token: config.env.githubToken,
    app: config.env.githubApp,
    baseUrl: config.env.githubApiUrl,
    backfill: true,
  });
  const checks = await checkGithub(client, config.github.repos);
  if (config.github.orgs.length > 0) {
    checks.push({
      status: 'ok',
      what: 'GitHub orgs',
      detail: `${config.github.orgs.join(', ')}: expanded to their repositories at each collection`,
    });
  }
  return checks;
}

async function checkDiscordSetup(config: Config): Promise<Check[]> {
  if (!config.discord) return [];
  if (!config.env.discordBotToken) {
    return [
      config.discord.inviteCode
        ? {
            status: 'warn',
            what: 'Discord',
            detail:
              'no DISCORD_BOT_TOKEN: member counts come from the public invite, without join history',
          }
        : {
            status: 'fail',
            what: 'Discord bot token',
            detail:
              'DISCORD_BOT_TOKEN is not set; put your bot’s token in .env (see the README’s Discord section)',
          },
    ];
  }
  // Loaded only when Discord is set up: discord.js's REST client is the heaviest module here.
  const [{ createDiscordRest }, { checkDiscord }] = await Promise.all([
    import('../../collector/discord/collect.js'),
    import('../../collector/discord/doctor.js'),
  ]);
  return checkDiscord(
    createDiscordRest(config.env.discordApiUrl, config.env.discordBotToken),
    config.discord.guildId,
  );
}

function checkWebhooks(config: Config): Check[] {
  const checks: Check[] = [];
  const url = (enabled: boolean, value: string | null, name: string, key: string) => {
    if (!enabled) return;
    checks.push(
      value
        ? {
            status: 'ok',
            what: `${key} webhook`,
            detail: `${name} is set (${new URL(value).host}); nothing was posted`,
          }
        : {
            status: 'fail',
            what: `${key} webhook`,
            detail: `digest.${key} is true but ${name} is not set; add it to .env or set digest.${key}: false`,
          },
    );
  };
  url(config.digest.slack, config.env.slackWebhookUrl, 'SLACK_WEBHOOK_URL', 'slack');
  url(config.digest.discord, config.env.discordWebhookUrl, 'DISCORD_WEBHOOK_URL', 'discord');
  return checks;
}
