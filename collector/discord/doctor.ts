/**
 * What `pulseboard doctor` asks Discord: is the bot token good, is the bot in the guild, may it list
 * members, and which text channels it may read (one request each) for active members.
 */
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { Routes, type RESTGetAPIGuildChannelsResult } from 'discord-api-types/v10';
import type { Check } from '../github/doctor.js';
import { TEXT_CHANNELS } from './activity.js';
import { MEMBERS_REFUSED } from './collect.js';

export async function checkDiscord(rest: REST, guildId: string): Promise<Check[]> {
  const checks: Check[] = [];
  try {
    const me = (await rest.get(Routes.user('@me'))) as { username: string };
    checks.push({ status: 'ok', what: 'Discord bot token', detail: `valid, for ${me.username}` });
  } catch (error) {
    const status = error instanceof DiscordAPIError ? error.status : null;
    checks.push({
      status: 'fail',
      what: 'Discord bot token',
      detail:
        status === 401
          ? 'Discord rejected DISCORD_BOT_TOKEN (401); copy the bot token again from the Developer Portal into .env'
          : `cannot reach Discord (${(error as Error).message}); check DISCORD_API_URL and the network`,
    });
    return checks;
  }
  try {
    const guild = (await rest.get(Routes.guild(guildId), {
      query: new URLSearchParams({ with_counts: 'true' }),
    })) as {
      name: string;
      approximate_member_count?: number;
    };
    checks.push({
      status: 'ok',
      what: `Discord guild ${guildId}`,
      detail: `${guild.name}, ${guild.approximate_member_count ?? '?'} members`,
    });
  } catch (error) {
    const status = error instanceof DiscordAPIError ? error.status : null;
    checks.push({
      status: 'fail',
      what: `Discord guild ${guildId}`,
      detail:
        status === 404 || status === 403
          ? 'the bot is not in this server, or the id is wrong; invite the bot (View Channels permission) and check discord.guildId'
          : (error as Error).message,
    });
    return checks;
  }
  try {
    await rest.get(Routes.guildMembers(guildId), { query: new URLSearchParams({ limit: '1' }) });
    checks.push({
      status: 'ok',
      what: 'Discord member list',
      detail: 'readable: join history will be collected',
    });
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.status === 403)) throw error;
    checks.push({ status: 'warn', what: 'Discord member list', detail: MEMBERS_REFUSED });
  }
  checks.push(await checkChannels(rest, guildId));
  return checks;
}

/** Reads one message of each text channel: the ones refused are named, with the fix. */
export async function checkChannels(rest: REST, guildId: string): Promise<Check> {
  const what = 'Discord channels';
  const channels = (await rest.get(Routes.guildChannels(guildId))) as RESTGetAPIGuildChannelsResult;
  const text = channels.filter((c) => TEXT_CHANNELS.includes(c.type));
  const skipped: string[] = [];
  for (const channel of text) {
    const last = (channel as { last_message_id?: string | null }).last_message_id ?? null;
    try {
      const page = (await rest.get(Routes.channelMessages(channel.id), {
        query: new URLSearchParams({ limit: '1' }),
      })) as unknown[];
      if (page.length === 0 && last !== null)
        skipped.push(`#${channel.name} (no Read Message History)`);
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.status === 403)) throw error;
      skipped.push(`#${channel.name} (403 Missing Access)`);
    }
  }
  if (skipped.length === 0)
    return {
      status: 'ok',
      what,
      detail: `all ${text.length} text channels readable: active members are counted from all of them`,
    };
  return {
    status: 'warn',
    what,
    detail: `${text.length - skipped.length} of ${text.length} text channels readable; skipped: ${skipped.join(', ')}. To count them, give the bot's role View Channel and Read Message History there`,
  };
}
