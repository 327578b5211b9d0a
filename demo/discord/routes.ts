/**
 * The Discord stand-in's answers per resource: the public invite, the bot's user, a channel's
 * messages (with Discord's per-channel rate-limit bucket), the guild, its channels and members.
 */
import { currentMembers, type GuildWorld, type MemberData } from './guild.js';
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
  const after = String(BigInt(url.searchParams.get('after') ?? '0'));
  const members = membersById(guild);
  // The first member after `after`, by binary search: a 10× guild lists 500 pages of 500k.
  let low = 0;
  let high = members.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compareIds(members[mid]!.id, after) <= 0) low = mid + 1;
    else high = mid;
  }
  const page = [];
  for (let i = low; i < members.length && page.length < limit; i++) {
    const m = members[i]!;
    if (m.leftAt !== null) continue;
    page.push({
      user: { id: m.id, username: `member${m.id.slice(-6)}` },
      joined_at: m.joinedAt,
      roles: [],
      nick: null,
    });
  }
  return json(200, page);
}

/** Snowflakes by value: a shorter one is smaller, else as text (no BigInt per comparison). */
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every member who ever joined, by id, sorted again only when someone joins: members are only ever
 * appended, and a member's leaving changes nothing in the order (the page skips them).
 */
const byId = new WeakMap<GuildWorld, { count: number; members: MemberData[] }>();
function membersById(guild: GuildWorld): MemberData[] {
  const known = byId.get(guild);
  if (known && known.count === guild.members.length) return known.members;
  const members = [...guild.members].sort((a, b) => compareIds(a.id, b.id));
  byId.set(guild, { count: guild.members.length, members });
  return members;
}

function counts(guild: GuildWorld) {
  const members = currentMembers(guild).length;
  return {
    approximate_member_count: members,
    approximate_presence_count: Math.round(members * 0.18),
  };
}
