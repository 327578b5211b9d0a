/** How a collection pass that failed says why, in one sentence for the operator. */
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import { describeRequestFailure } from './github/errors.js';

export function describeDiscordError(
  error: unknown,
  guildId: string,
  signal?: AbortSignal,
): string {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401)
      return 'Discord rejected DISCORD_BOT_TOKEN (401); copy the bot token again from the Developer Portal into .env.';
    if (error.status === 403)
      return `The bot may not see guild ${guildId} (403); invite it to the server with the Read Messages/View Channels permission.`;
    if (error.status === 404)
      return `Discord knows no guild or invite for discord.guildId ${guildId} (404); check the id (Server Settings → Widget → Server ID) and discord.inviteCode.`;
  }
  // What @discordjs/rest gives up on after its retries: say what happened, in one line.
  const again = 'the next pass tries again.';
  if (error instanceof SyntaxError) return `Discord sent a malformed response; ${again}`;
  if (error instanceof HTTPError) return `Discord answered ${error.status}; ${again}`;
  if ((error as Error)?.name === 'AbortError' && !signal?.aborted)
    return `Discord did not answer in time; ${again}`;
  if (error instanceof TypeError) return `Could not reach Discord (${error.message}); ${again}`;
  return describe(error);
}

export function describeGithubError(error: unknown): string {
  // Our own errors (auth, budget, rate limit, missing token) already read as one sentence.
  if (!(error instanceof Error) || error.name === 'AbortError' || !('status' in error))
    return describe(error);
  return `${describeRequestFailure(error)}; the next pass resumes where this one stopped.`;
}

export function describe(error: unknown): string {
  if ((error as Error)?.name === 'AbortError')
    return 'Collection was interrupted; the next pass resumes where it stopped.';
  return error instanceof Error ? error.message : String(error);
}
