/**
 * A stand-in for the Discord REST endpoints the collector uses, over a generated, seeded guild:
 * members who joined over two years (some left), counts, a public invite, rate-limit headers, and
 * the GUILD_MEMBERS intent that a bot may or may not have. `handle(request)` is fetch-shaped, so it
 * serves msw handlers in tests and a loopback HTTP server in the demo.
 */

import { seeded } from '../random.js';
import {
  addMessages,
  channelJson,
  choosePosters,
  createChannels,
  messagePage,
  snowflakeAt,
  type ChatState,
} from './messages.js';

const DAY = 86_400_000;

export interface MemberData {
  id: string;
  joinedAt: string;
  leftAt: string | null;
}

export interface GuildWorld {
  guildId: string;
  name: string;
  inviteCode: string;
  now: string;
  members: MemberData[];
  /** Whether the bot has the privileged GUILD_MEMBERS intent (else listing members is 403/50001). */
  membersIntent: boolean;
  random: () => number;
  /** Channels and posts (`messages.ts`), with their own random stream. */
  chat: ChatState;
  chatRandom: () => number;
}

export interface GuildOptions {
  seed?: number;
  members?: number;
  days?: number;
  now?: string;
  /** Share of members who joined and later left. */
  leaveRate?: number;
  /** Posts per day across the guild (default 110), over the last `chatDays` (default 120). */
  postsPerDay?: number;
  chatDays?: number;
}

const isoMs = (ms: number) => new Date(Math.floor(ms)).toISOString();

/** A snowflake minted at `ms`, unique by its low bits. */
const snowflake = snowflakeAt;

export function createGuild(options: GuildOptions = {}): GuildWorld {
  const random = seeded(options.seed ?? 99);
  const now = Date.parse(options.now ?? '2026-11-01T00:00:00Z');
  const guild: GuildWorld = {
    guildId: '912345678901234567',
    name: 'InfraGenius',
    inviteCode: 'infragenius',
    now: isoMs(now),
    members: [],
    membersIntent: true,
    random,
    chat: { channels: [], perDay: options.postsPerDay ?? 110, posters: [], sequence: 0 },
    chatRandom: seeded((options.seed ?? 99) + 1),
  };
  addMembers(
    guild,
    options.members ?? 5000,
    now - (options.days ?? 730) * DAY,
    now,
    options.leaveRate ?? 0.15,
  );
  guild.chat.channels = createChannels(guild.guildId);
  guild.chat.posters = choosePosters(
    currentMembers(guild).map((m) => m.id),
    guild.chatRandom,
  );
  addMessages(guild.chat, now - (options.chatDays ?? 120) * DAY, now, guild.chatRandom);
  return guild;
}

let sequence = 0;

/** Adds `count` joins in [from, to), growing towards `to`; a share of them leave again before `to`. */
export function addMembers(
  guild: GuildWorld,
  count: number,
  from: number,
  to: number,
  leaveRate = 0.15,
): void {
  const r = guild.random;
  for (let i = 0; i < count; i++) {
    const joined = from + Math.sqrt(r()) * (to - from);
    const leaves = r() < leaveRate;
    guild.members.push({
      id: snowflake(joined, sequence++),
      joinedAt: isoMs(joined),
      leftAt: leaves ? isoMs(joined + r() * (to - joined)) : null,
    });
  }
}

/** Moves time on: `joins` new members, and `leaves` current ones leave. */
export function advanceGuild(guild: GuildWorld, joins: number, leaves: number, hours = 24): void {
  const from = Date.parse(guild.now);
  const to = from + hours * 3_600_000;
  guild.now = isoMs(to);
  const current = guild.members.filter((m) => m.leftAt === null);
  for (let i = 0; i < leaves && current.length > 0; i++) {
    const [gone] = current.splice(Math.floor(guild.random() * current.length), 1);
    gone!.leftAt = isoMs(from + guild.random() * (to - from));
  }
  addMembers(guild, joins, from, to, 0);
  addMessages(guild.chat, from, to, guild.chatRandom);
}

export const currentMembers = (guild: GuildWorld) => guild.members.filter((m) => m.leftAt === null);

export interface DiscordStandIn {
  guild: GuildWorld;
  stats: {
    requests: number;
    routes: Record<string, number>;
    /** Every channel-messages request's query string, by channel id, in order. */
    messageQueries: Record<string, string[]>;
    /** 429s answered because a client ignored the rate-limit headers. */
    rateLimited: number;
  };
  /** Discord's per-route buckets for channel messages: `limit` requests per channel a window. */
  messagesRateLimit: { limit: number; windowMs: number };
  /** Lets a test answer a request itself (faults), or return undefined to let the stand-in answer. */
  interceptors: ((
    request: Request,
    url: URL,
  ) => Response | undefined | Promise<Response | undefined>)[];
  handle(request: Request): Promise<Response>;
}

export function createDiscordStandIn(guild: GuildWorld): DiscordStandIn {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
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
  const buckets = new Map<string, { start: number; used: number; worldNow: string }>();
  /**
   * The bucket's headers for this request, or a 429 when the client spent it already. A bucket
   * lasts its window of real time, and no longer than the world's clock stands still: when a test
   * moves the guild a day on, the next pass finds fresh buckets, as it would on Discord.
   */
  const takeMessagesBucket = (channelId: string): Record<string, string> | Response => {
    const { limit, windowMs } = standIn.messagesRateLimit;
    const now = Date.now();
    let bucket = buckets.get(channelId);
    if (!bucket || now - bucket.start >= windowMs || bucket.worldNow !== guild.now)
      buckets.set(channelId, (bucket = { start: now, used: 0, worldNow: guild.now }));
    const resetAfter = ((bucket.start + windowMs - now) / 1000).toFixed(3);
    const headers = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-reset-after': resetAfter,
      'x-ratelimit-reset': ((bucket.start + windowMs) / 1000).toFixed(3),
      'x-ratelimit-bucket': 'channel-messages-get',
    };
    if (bucket.used >= limit) {
      standIn.stats.rateLimited++;
      return json(
        429,
        { message: 'You are being rate limited.', retry_after: Number(resetAfter), global: false },
        {
          ...headers,
          'x-ratelimit-remaining': '0',
          'retry-after': String(Math.ceil(Number(resetAfter))),
          'x-ratelimit-scope': 'user',
        },
      );
    }
    bucket.used++;
    return { ...headers, 'x-ratelimit-remaining': String(limit - bucket.used) };
  };
  const standIn: DiscordStandIn = {
    guild,
    stats: { requests: 0, routes: {}, messageQueries: {}, rateLimited: 0 },
    messagesRateLimit: { limit: 5, windowMs: 250 },
    interceptors: [],
    async handle(request) {
      const url = new URL(request.url);
      for (const intercept of standIn.interceptors) {
        const response = await intercept(request, url);
        if (response) return response;
      }
      const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
      const count = (route: string) => {
        standIn.stats.requests++;
        standIn.stats.routes[route] = (standIn.stats.routes[route] ?? 0) + 1;
      };
      const invite = path.match(/^\/invites\/([^/]+)$/);
      if (invite) {
        count('GET /invites/:code');
        if (invite[1] !== guild.inviteCode)
          return json(404, { message: 'Unknown Invite', code: 10006 });
        return json(200, {
          code: guild.inviteCode,
          guild: { id: guild.guildId, name: guild.name },
          ...counts(),
        });
      }
      if (!/^Bot \S+/.test(request.headers.get('authorization') ?? '')) {
        count('unauthorized');
        return json(401, { message: '401: Unauthorized', code: 0 });
      }
      if (path === '/users/@me') {
        count('GET /users/@me');
        return json(200, { id: '1000000000000000001', username: 'pulseboard-demo', bot: true });
      }
      const messages = path.match(/^\/channels\/(\d+)\/messages$/);
      if (messages) {
        count('GET /channels/:id/messages');
        const channel = guild.chat.channels.find((c) => c.id === messages[1]);
        if (!channel) return json(404, { message: 'Unknown Channel', code: 10003 });
        (standIn.stats.messageQueries[channel.id] ??= []).push(url.searchParams.toString());
        const bucket = takeMessagesBucket(channel.id);
        if (bucket instanceof Response) return bucket;
        if (!channel.visible) return json(403, { message: 'Missing Access', code: 50001 }, bucket);
        const answer = messagePage(channel, url.searchParams);
        return json(answer.status, answer.body, bucket);
      }
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
          ...(url.searchParams.get('with_counts') === 'true' ? counts() : {}),
        });
      }
      if (guildMatch[2] === '/channels') {
        count('GET /guilds/:id/channels');
        return json(
          200,
          guild.chat.channels.map((c) => channelJson(guild.guildId, c)),
        );
      }
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
    },
  };
  const counts = () => {
    const members = currentMembers(guild).length;
    return {
      approximate_member_count: members,
      approximate_presence_count: Math.round(members * 0.18),
    };
  };
  return standIn;
}

/**
 * Moves the guild on to `toMs` with joins and leaves at the pace of its last 28 days (the demo's
 * live activity); fractions carry over between calls in `carry`.
 */
export function advanceGuildAtPace(
  guild: GuildWorld,
  toMs: number,
  carry: { joins: number; leaves: number },
): void {
  const from = Date.parse(guild.now);
  if (toMs <= from) return;
  const since = isoMs(from - 28 * 86_400_000);
  const days = (toMs - from) / 86_400_000;
  const joined = guild.members.filter((m) => m.joinedAt > since).length;
  const left = guild.members.filter((m) => m.leftAt !== null && m.leftAt > since).length;
  carry.joins += (joined / 28) * days;
  carry.leaves += (left / 28) * days;
  const joins = Math.floor(carry.joins);
  const leaves = Math.floor(carry.leaves);
  carry.joins -= joins;
  carry.leaves -= leaves;
  advanceGuild(guild, joins, leaves, (toMs - from) / 3_600_000);
}
