/**
 * What a first start needs the operator to hear about: a source configured without its token, or
 * the placeholder repository `pulseboard init` writes. `start` logs these and /api/health carries
 * them, so the dashboard can show them too. Pure: reads the loaded config, not the environment.
 */
import type { Config } from './load.js';
import { PLACEHOLDER_REPO } from './starter.js';

export function setupWarnings(config: Pick<Config, 'github' | 'discord' | 'env'>): string[] {
  const warnings: string[] = [];
  if (config.github?.repos.includes(PLACEHOLDER_REPO))
    warnings.push(
      `github.repos still lists the placeholder ${PLACEHOLDER_REPO} from pulseboard init; put your repository (owner/name) in the config file and restart.`,
    );
  if (config.github && !config.env.githubToken)
    warnings.push(
      'GITHUB_TOKEN is not set, so nothing is collected from GitHub; put a token with read access to the repositories in .env and restart.',
    );
  if (config.discord && !config.env.discordBotToken && !config.discord.inviteCode)
    warnings.push(
      'DISCORD_BOT_TOKEN is not set and discord.inviteCode is not configured, so nothing is collected from Discord; put the bot’s token in .env and restart.',
    );
  return warnings;
}
