/**
 * A stand-in for the Discord REST endpoints the collector uses, over a generated, seeded guild:
 * members who joined over two years (some left), counts, a public invite, rate-limit headers, and
 * the GUILD_MEMBERS intent that a bot may or may not have. `handle(request)` is fetch-shaped, so it
 * serves msw handlers in tests and a loopback HTTP server in the demo.
 */

import { seeded } from '../random.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
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
}

export interface GuildOptions {
  seed?: number;
  members?: number;
  days?: number;
  now?: string;
  /** Share of members who joined and later left. */
  leaveRate?: number;
}

const isoMs = (ms: number) => new Date(Math.floor(ms)).toISOString();

/** A snowflake minted at `ms`, unique by its low bits. */
function snowflake(ms: number, sequence: number): string {
  return (
    ((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) |
    BigInt(sequence & 0x3fffff)
  ).toString();
}

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
  };
  addMembers(
    guild,
    options.members ?? 5000,
    now - (options.days ?? 730) * DAY,
    now,
    options.leaveRate ?? 0.15,
  );
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
}

export const currentMembers = (guild: GuildWorld) => guild.members.filter((m) => m.leftAt === null);

export interface DiscordStandIn {
  guild: GuildWorld;
  stats: { requests: number; routes: Record<string, number> };
  /** Lets a test answer a request itself (faults), or return undefined to let the stand-in answer. */
  interceptors: ((
    request: Request,
    url: URL,
  ) => Response | undefined | Promise<Response | undefined>)[];
  handle(request: Request): Promise<Response>;
}

export function createDiscordStandIn(guild: GuildWorld): DiscordStandIn {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': 'application/json',
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '9',
        'x-ratelimit-reset-after': '1',
        'x-ratelimit-bucket': 'stand-in',
      },
    });
  const standIn: DiscordStandIn = {
    guild,
    stats: { requests: 0, routes: {} },
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
      const guildMatch = path.match(/^\/guilds\/(\d+)(\/members)?$/);
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
