/**
 * The guild's channels and what members post in them, for the stand-in's
 * `GET /guilds/{id}/channels` and `GET /channels/{id}/messages`. Posts come from a few regulars and
 * many occasional members (a long tail, as real servers have), with bots, webhooks and join notices
 * mixed in, which never count as a member's post. One channel is hidden from the bot (403 50001)
 * and one lets it see the channel but not its history (Discord then answers an empty list).
 */
import { ChannelType, MessageType } from 'discord-api-types/v10';

const DISCORD_EPOCH = 1_420_070_400_000n;
const DAY = 86_400_000;

export interface ChannelData {
  id: string;
  name: string;
  type: ChannelType;
  position: number;
  parentId: string | null;
  /** VIEW_CHANNEL: without it Discord answers 403 Missing Access (50001). */
  visible: boolean;
  /** READ_MESSAGE_HISTORY: without it Discord answers an empty list. */
  history: boolean;
  /** Share of the guild's posts made here. */
  weight: number;
  /** Oldest first (ascending ids). */
  messages: MessageData[];
}

export interface MessageData {
  id: string;
  authorId: string;
  kind: 'member' | 'bot' | 'webhook' | 'join';
  type: MessageType;
}

export interface ChatState {
  channels: ChannelData[];
  /** Posts per day, on average, across the guild. */
  perDay: number;
  /** Member ids that post, each with a weight (a few post a lot). */
  posters: { id: string; weight: number }[];
  sequence: number;
}

export const BOT_USER_ID = '1100000000000000001';
export const WEBHOOK_ID = '1100000000000000002';

export const snowflakeAt = (ms: number, sequence: number) =>
  (((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n) | BigInt(sequence & 0x3fffff)).toString();

export const snowflakeMs = (id: string) => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

export function createChannels(guildId: string): ChannelData[] {
  const base = BigInt(guildId);
  const channel = (
    n: number,
    name: string,
    type: ChannelType,
    weight: number,
    extra: Partial<ChannelData> = {},
  ): ChannelData => ({
    id: (base + BigInt(n)).toString(),
    name,
    type,
    position: n,
    parentId: type === ChannelType.GuildCategory ? null : (base + 1n).toString(),
    visible: true,
    history: true,
    weight,
    messages: [],
    ...extra,
  });
  return [
    channel(1, 'Community', ChannelType.GuildCategory, 0),
    channel(2, 'announcements', ChannelType.GuildAnnouncement, 0.03),
    channel(3, 'general', ChannelType.GuildText, 0.45),
    channel(4, 'help', ChannelType.GuildText, 0.3),
    channel(5, 'show-and-tell', ChannelType.GuildText, 0.08),
    channel(6, 'moderators', ChannelType.GuildText, 0.06, { visible: false }),
    channel(7, 'audit-log', ChannelType.GuildText, 0.03, { history: false }),
    channel(8, 'Lounge', ChannelType.GuildVoice, 0.05),
  ];
}

/** Chooses who posts: about one member in `share`, with weights from a long-tailed distribution. */
export function choosePosters(
  memberIds: readonly string[],
  random: () => number,
  share = 0.12,
): ChatState['posters'] {
  return memberIds
    .filter(() => random() < share)
    .map((id) => ({ id, weight: 1 / Math.pow(1 - random() * 0.98, 1.6) }));
}

/** Adds the posts of [fromMs, toMs) at `chat.perDay` (weekdays busier). */
export function addMessages(chat: ChatState, fromMs: number, toMs: number, random: () => number) {
  if (chat.posters.length === 0 || toMs <= fromMs) return;
  const total = chat.posters.reduce((sum, p) => sum + p.weight, 0);
  const pick = () => {
    let r = random() * total;
    for (const p of chat.posters) if ((r -= p.weight) <= 0) return p.id;
    return chat.posters.at(-1)!.id;
  };
  const channels = chat.channels.filter((c) => c.weight > 0);
  const weightSum = channels.reduce((sum, c) => sum + c.weight, 0);
  const where = () => {
    let r = random() * weightSum;
    for (const c of channels) if ((r -= c.weight) <= 0) return c;
    return channels.at(-1)!;
  };
  const expected = (chat.perDay * (toMs - fromMs)) / DAY;
  const count = Math.floor(expected) + (random() < expected % 1 ? 1 : 0);
  const times = Array.from({ length: count }, () => fromMs + random() * (toMs - fromMs))
    .filter((t) => {
      const weekday = new Date(t).getUTCDay();
      return weekday !== 0 && weekday !== 6 ? true : random() < 0.6;
    })
    .sort((a, b) => a - b);
  for (const at of times) {
    const channel = where();
    const roll = random();
    const kind: MessageData['kind'] =
      roll < 0.05 ? 'bot' : roll < 0.07 ? 'webhook' : roll < 0.09 ? 'join' : 'member';
    channel.messages.push({
      id: snowflakeAt(at, chat.sequence++),
      authorId: kind === 'bot' ? BOT_USER_ID : kind === 'webhook' ? WEBHOOK_ID : pick(),
      kind,
      type:
        kind === 'join'
          ? MessageType.UserJoin
          : random() < 0.3 && kind === 'member'
            ? MessageType.Reply
            : MessageType.Default,
    });
  }
}

/** A message as Discord's REST API shows it (the fields a bot without the content intent sees). */
export function messageJson(channel: ChannelData, m: MessageData) {
  const bot = m.kind === 'bot';
  return {
    type: m.type,
    content: '',
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    timestamp: new Date(snowflakeMs(m.id)).toISOString().replace('Z', '000+00:00'),
    edited_timestamp: null,
    flags: 0,
    components: [],
    id: m.id,
    channel_id: channel.id,
    author: {
      id: m.authorId,
      username: m.kind === 'webhook' ? 'Release notes' : `member${m.authorId.slice(-6)}`,
      avatar: null,
      discriminator: m.kind === 'webhook' ? '0000' : '0',
      public_flags: 0,
      flags: 0,
      global_name: null,
      // A webhook's author is the webhook itself, without `bot`: only `webhook_id` tells.
      ...(bot ? { bot: true } : {}),
    },
    ...(m.kind === 'webhook' ? { webhook_id: WEBHOOK_ID } : {}),
    pinned: false,
    mention_everyone: false,
    tts: false,
  };
}

export function channelJson(guildId: string, c: ChannelData) {
  const last = c.messages.at(-1)?.id ?? null;
  return {
    id: c.id,
    type: c.type,
    guild_id: guildId,
    name: c.name,
    position: c.position,
    flags: 0,
    parent_id: c.parentId,
    permission_overwrites: [],
    ...(c.type === ChannelType.GuildCategory
      ? {}
      : { last_message_id: last, rate_limit_per_user: 0, nsfw: false, topic: null }),
    ...(c.type === ChannelType.GuildVoice
      ? { bitrate: 64000, user_limit: 0, rtc_region: null }
      : {}),
  };
}

/**
 * One page as Discord serves it: `limit` 1–100 (default 50); with `after`, the oldest `limit`
 * messages newer than it; with `before` (or neither), the newest older than it. Always newest first.
 */
export function messagePage(
  channel: ChannelData,
  params: URLSearchParams,
): { status: number; body: unknown } {
  const limit = Number(params.get('limit') ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return {
      status: 400,
      body: {
        message: 'Invalid Form Body',
        code: 50035,
        errors: {
          limit: {
            _errors: [
              {
                code: 'NUMBER_TYPE_MAX',
                message: 'int value should be less than or equal to 100.',
              },
            ],
          },
        },
      },
    };
  }
  if (!channel.history) return { status: 200, body: [] };
  const after = params.get('after');
  const before = params.get('before');
  const all = channel.messages;
  let chosen: MessageData[];
  if (after !== null) {
    const a = BigInt(after);
    const start = all.findIndex((m) => BigInt(m.id) > a);
    chosen = start === -1 ? [] : all.slice(start, start + limit);
  } else {
    const b = before === null ? null : BigInt(before);
    const older = b === null ? all : all.filter((m) => BigInt(m.id) < b);
    chosen = older.slice(-limit);
  }
  return { status: 200, body: [...chosen].reverse().map((m) => messageJson(channel, m)) };
}

/** What counts, by construction: members' own posts (not bots, webhooks or join notices) in channels the bot can read. */
export function truePosts(channels: readonly ChannelData[], sinceMs: number) {
  return channels
    .filter(
      (c) =>
        c.visible &&
        c.history &&
        (c.type === ChannelType.GuildText || c.type === ChannelType.GuildAnnouncement),
    )
    .flatMap((c) =>
      c.messages
        .filter((m) => m.kind === 'member' && snowflakeMs(m.id) >= sinceMs)
        .map((m) => ({ id: m.id, channelId: c.id, authorId: m.authorId, at: snowflakeMs(m.id) })),
    );
}
