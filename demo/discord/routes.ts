/**
 * The Discord stand-in's answers per resource: the public invite, the bot's user, a channel's
 * messages (with Discord's per-channel rate-limit bucket), the guild, its channels and members.
 */
import { currentMembers, type GuildWorld } from './guild.js';
import { channelJson, messagePage } from './messages.js';

/** A JSON answer with the rate-limit headers discord.js reads on every response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json',
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-reset-after': '1',
      'x-ratelimit-bucket': 'stand-in',
      ...headers,
    },
  });
}

/** What the routes need of the stand-in: its guild, a request counter and the messages bucket. */
export interface RouteContext {
  guild: GuildWorld;
  count: (route: string) => void;
  /** The bucket's headers for this request, or the 429 when it is spent. */
  takeMessagesBucket: (channelId: string) => Record<string, string> | Response;
  messageQueries: Record<string, string[]>;
}

export function answerRequest(ctx: RouteContext, request: Request, url: URL): Response {
  const { guild, count } = ctx;
  const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
  const invite = path.match(/^\/invites\/([^/]+)$/);
  if (invite) return answerInvite(ctx, invite[1]!);
  if (!/^Bot \S+/.test(request.headers.get('authorization') ?? '')) {
    count('unauthorized');
    return json(401, { message: '401: Unauthorized', code: 0 });
  }
  if (path === '/users/@me') {
    count('GET /users/@me');
    return json(200, { id: '1000000000000000001', username: 'pulseboard-demo', bot: true });
  }
  const messages = path.match(/^\/channels\/(\d+)\/messages$/);
  if (messages) return answerMessages(ctx, messages[1]!, url);
  const guildMatch = path.match(/^\/guilds\/(\d+)(\/members|\/channels)?$/);
  if (!guildMatch || guildMatch[1] !== guild.guildId) {
    count('unknown');
    return json(404, { message: 'Unknown Guild', code: 10004 });
  }
  if (!guildMatch[2]) {
    count('GET /guilds/:id');
    return json(200, {
      id: guild.guildId,
      name: guild.name,
      ...(url.searchParams.get('with_counts') === 'true' ? counts(guild) : {}),
    });
  }
  if (guildMatch[2] === '/channels') {
    count('GET /guilds/:id/channels');
    return json(
      200,
      guild.chat.channels.map((c) => channelJson(guild.guildId, c)),
    );
  }
  return answerMembers(ctx, url);
}

function answerInvite({ guild, count }: RouteContext, code: string): Response {
  count('GET /invites/:code');
  if (code !== guild.inviteCode) return json(404, { message: 'Unknown Invite', code: 10006 });
  return json(200, {
    code: guild.inviteCode,
    guild: { id: guild.guildId, name: guild.name },
    ...counts(guild),
  });
}

function answerMessages(ctx: RouteContext, channelId: string, url: URL): Response {
  ctx.count('GET /channels/:id/messages');
  const channel = ctx.guild.chat.channels.find((c) => c.id === channelId);
  if (!channel) return json(404, { message: 'Unknown Channel', code: 10003 });
  (ctx.messageQueries[channel.id] ??= []).push(url.searchParams.toString());
  const bucket = ctx.takeMessagesBucket(channel.id);
  if (bucket instanceof Response) return bucket;
  if (!channel.visible) return json(403, { message: 'Missing Access', code: 50001 }, bucket);
  const answer = messagePage(channel, url.searchParams);
  return json(answer.status, answer.body, bucket);
}

/** A page of current members after `after`, by id; 403 without the GUILD_MEMBERS intent. */
function answerMembers({ guild, count }: RouteContext, url: URL): Response {
  count('GET /guilds/:id/members');
  if (!guild.membersIntent) return json(403, { message: 'Missing Access', code: 50001 });
  const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 1) || 1, 1), 1000);
  const after = BigInt(url.searchParams.get('after') ?? '0');
  const page = currentMembers(guild)
    .filter((m) => BigInt(m.id) > after)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .slice(0, limit)
    .map((m) => ({
      user: { id: m.id, username: `member${m.id.slice(-6)}` },
      joined_at: m.joinedAt,
      roles: [],
      nick: null,
    }));
  return json(200, page);
}

function counts(guild: GuildWorld) {
  const members = currentMembers(guild).length;
  return {
    approximate_member_count: members,
    approximate_presence_count: Math.round(members * 0.18),
  };
}
