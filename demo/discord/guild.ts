/**
 * The Discord stand-in's world: a generated, seeded guild of members who joined over two years
 * (some left), its channels and posts (`messages.ts`), and how it moves on in time.
 */
import { seeded } from '../random.js';
import {
  addMessages,
  choosePosters,
  createChannels,
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
