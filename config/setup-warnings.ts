/**
 * What a first start needs the operator to hear about: a source configured without its token, or
 * the placeholder repository `pulseboard init` writes. `start` logs these and /api/health carries
 * them, so the dashboard can show them too. Pure: reads the loaded config, not the environment.
 */
import { PACKAGE_API_ENV } from './env.js';
import type { Config } from './load.js';
import { PLACEHOLDER_REPO } from './starter.js';

export function setupWarnings(
  config: Pick<Config, 'github' | 'discord' | 'env'> & Partial<Pick<Config, 'packages'>>,
): string[] {
  const warnings: string[] = [];
  if (config.github?.repos.includes(PLACEHOLDER_REPO))
    warnings.push(
      `github.repos still lists the placeholder ${PLACEHOLDER_REPO} from pulseboard init; put your repository (owner/name) in the config file and restart.`,
    );
  if (config.github && !config.env.githubToken && !config.env.githubApp)
    warnings.push(
      'GITHUB_TOKEN is not set, so nothing is collected from GitHub; put a token with read access to the repositories in .env and restart.',
    );
  if (config.discord && !config.env.discordBotToken && !config.discord.inviteCode)
    warnings.push(
      'DISCORD_BOT_TOKEN is not set and discord.inviteCode is not configured, so nothing is collected from Discord; put the bot’s token in .env and restart.',
    );
  const roots = {
    npm: config.env.npmDownloadsApiUrl,
    pypi: config.env.pypiStatsApiUrl,
    docker: config.env.dockerHubApiUrl,
  };
  for (const key of ['npm', 'pypi', 'docker'] as const) {
    if ((config.packages?.[key].length ?? 0) > 0 && !roots[key])
      warnings.push(
        `${PACKAGE_API_ENV[key]} is not set, so nothing is collected for packages.${key}; set it in .env (README, "Package downloads") and restart.`,
      );
  }
  return warnings;
}
