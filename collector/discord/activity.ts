/**
 * Who posts on Discord, over REST (no gateway login): the guild's channels (1 request), then each
 * readable text or announcement channel's messages after the last one seen, 100 a request, oldest
 * first (Discord lists each page newest first). A channel whose newest message (`last_message_id`
 * in the channel list) is already stored costs nothing, a refused one is asked again once a day.
 * The first read goes back
 * BACKFILL_DAYS; only a keyed hash of the author and the time are stored. Bots, webhooks and
 * system notices (joins, pins…) are not a member's post. @discordjs/rest paces the requests by
 * Discord's rate-limit headers and waits out 429s.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import {
  ChannelType,
  MessageType,
  Routes,
  type APIMessage,
  type RESTGetAPIGuildChannelsResult,
} from 'discord-api-types/v10';
import type { Kysely } from 'kysely';
import {
  findOrCreateInstallSecret,
  insertDiscordMessages,
} from '../../db/queries/discord-activity.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { Database, DiscordMessageTable, RunBlocker } from '../../db/schema.js';
import type { ProgressSink } from '../progress.js';

/** How far back the first pass reads (and a channel the bot can newly read). */
export const BACKFILL_DAYS = 90;
export const PAGE = 100;
export const SALT_NAME = 'discord_author_salt';
export const TEXT_CHANNELS: readonly ChannelType[] = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
];
/** A member's own words: plain messages and replies. */
export const POST_TYPES: readonly MessageType[] = [MessageType.Default, MessageType.Reply];

const DISCORD_EPOCH = 1_420_070_400_000n;
const DAY = 86_400_000;

export const snowflakeMs = (id: string) => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
/** The largest id minted before `ms`: `after` it lists everything from `ms` on. */
export const snowflakeBefore = (ms: number) =>
  (((BigInt(ms) - DISCORD_EPOCH) << 22n) - 1n).toString();

/** HMAC-SHA-256 of the guild and author id, keyed with the install's salt. */
export const authorHash = (salt: string, guildId: string, authorId: string) =>
  createHmac('sha256', salt).update(`${guildId}:${authorId}`).digest('hex').slice(0, 32);

export interface ActivityContext {
  db: Kysely<Database>;
  rest: REST;
  guildId: string;
  signal?: AbortSignal;
  progress: ProgressSink;
  now: () => Date;
}

export interface ActivityOutcome {
  rows: number;
  requests: number;
  notes: string[];
  /** The channels the bot may not read, and the permission it lacks there. */
  blockers: RunBlocker[];
  /** Channels that failed for another reason; the others were read. */
  errors: string[];
}

/** A page of messages → the rows to keep (members' posts only). Pure. */
export function toMessageRows(
  guildId: string,
  channelId: string,
  page: readonly Pick<APIMessage, 'id' | 'type' | 'author' | 'webhook_id'>[],
  hash: (authorId: string) => string,
): DiscordMessageTable[] {
  return page
    .filter((m) => !m.author.bot && !m.webhook_id && POST_TYPES.includes(m.type))
    .map((m) => ({
      guild_id: guildId,
      message_id: m.id,
      channel_id: channelId,
      author_hash: hash(m.author.id),
      // The id says when, to the millisecond, whatever the `timestamp` string's format.
      posted_at: new Date(snowflakeMs(m.id)).toISOString(),
    }));
}

export const channelScope = (guildId: string, channelId: string) => `${guildId}/${channelId}`;
export const channelRefused = (name: string) =>
  `#${name}: the bot may not read this channel (403 Missing Access); give its role View Channel and Read Message History there to count it.`;
export const historyRefused = (name: string) =>
  `#${name}: the bot sees the channel but not its history (Discord lists no messages); give its role Read Message History there to count it.`;

export async function collectDiscordActivity(ctx: ActivityContext): Promise<ActivityOutcome> {
  const outcome: ActivityOutcome = { rows: 0, requests: 0, notes: [], blockers: [], errors: [] };
  const nowIso = ctx.now().toISOString();
  const salt = await findOrCreateInstallSecret(
    ctx.db,
    SALT_NAME,
    () => randomBytes(32).toString('hex'),
    nowIso,
  );
  const floor = startOfUtcDay(ctx.now().getTime() - BACKFILL_DAYS * DAY);
  await ensureHistoryStart(ctx, floor);
  outcome.requests++;
  const channels = (await ctx.rest.get(Routes.guildChannels(ctx.guildId), {
    signal: ctx.signal,
  })) as RESTGetAPIGuildChannelsResult;
  const text = channels.filter((c) => TEXT_CHANNELS.includes(c.type));
  let done = 0;
  for (const channel of text) {
    ctx.signal?.throwIfAborted();
    const last = (channel as { last_message_id?: string | null }).last_message_id ?? null;
    try {
      await readChannel(ctx, outcome, { id: channel.id, name: channel.name, last }, salt, floor);
    } catch (error) {
      if (!(error instanceof DiscordAPIError) || error.status === 401) throw error;
      outcome.errors.push(
        `#${channel.name}: Discord answered ${error.status} (${error.message}); the next pass retries it.`,
      );
    }
    ctx.progress({
      source: 'discord',
      scope: ctx.guildId,
      resource: 'messages',
      items: outcome.rows,
      pages: ++done,
      total: text.length,
      rateRemaining: null,
      done: done === text.length,
    });
  }
  return outcome;
}

interface ChannelRef {
  id: string;
  name: string;
  last: string | null;
}

async function readChannel(
  ctx: ActivityContext,
  outcome: ActivityOutcome,
  channel: ChannelRef,
  salt: string,
  floor: number,
): Promise<void> {
  const scope = channelScope(ctx.guildId, channel.id);
  const state = await findSyncState(ctx.db, 'discord_channel', scope);
  // A refusal is asked about again once a day, not every pass; it is reported every pass.
  const today = ctx.now().toISOString().slice(0, 10);
  if (state?.status === 'refused' && state.updated_at.slice(0, 10) === today) {
    // The stored refusal is its note: the history one says the bot sees the channel.
    const hidden = state.detail === historyRefused(channel.name);
    outcome.notes.push(state.detail ?? channelRefused(channel.name));
    outcome.blockers.push(channelBlocker(channel.name, hidden));
    return;
  }
  let after = state?.cursor ?? snowflakeBefore(floor);
  // Nothing new since the last message seen (or ever): no request.
  if (channel.last === null || BigInt(channel.last) <= BigInt(after)) return;
  for (let first = true; ; first = false) {
    ctx.signal?.throwIfAborted();
    outcome.requests++;
    let page: APIMessage[];
    try {
      page = (await ctx.rest.get(Routes.channelMessages(channel.id), {
        query: new URLSearchParams({ after, limit: String(PAGE) }),
        signal: ctx.signal,
      })) as APIMessage[];
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.status === 403)) throw error;
      return refuse(ctx, outcome, scope, state?.cursor ?? null, channel.name, false);
    }
    if (page.length === 0) {
      // Newer messages exist (last_message_id) but none is listed: the history is hidden.
      if (first) return refuse(ctx, outcome, scope, state?.cursor ?? null, channel.name, true);
      return;
    }
    const newest = page.reduce((a, m) => (BigInt(m.id) > BigInt(a) ? m.id : a), after);
    const rows = toMessageRows(ctx.guildId, channel.id, page, (id) =>
      authorHash(salt, ctx.guildId, id),
    );
    await ctx.db.transaction().execute(async (trx) => {
      outcome.rows += await insertDiscordMessages(trx, rows);
      await saveChannel(trx, ctx, scope, newest, 'ok', null);
    });
    after = newest;
    if (page.length < PAGE || BigInt(newest) >= BigInt(channel.last)) return;
  }
}

async function refuse(
  ctx: ActivityContext,
  outcome: ActivityOutcome,
  scope: string,
  cursor: string | null,
  name: string,
  historyHidden: boolean,
): Promise<void> {
  const why = historyHidden ? historyRefused(name) : channelRefused(name);
  outcome.notes.push(why);
  outcome.blockers.push(channelBlocker(name, historyHidden));
  await saveChannel(ctx.db, ctx, scope, cursor, 'refused', why);
}

/** A 403 means the bot may not view the channel; an empty listing, that it may not read its history. */
const channelBlocker = (channel: string, historyHidden: boolean): RunBlocker => ({
  kind: 'discord-channel',
  channel,
  permission: historyHidden ? 'Read Message History' : 'View Channel',
});

function saveChannel(
  db: Kysely<Database>,
  ctx: ActivityContext,
  scope: string,
  cursor: string | null,
  status: string,
  detail: string | null,
) {
  return saveSyncState(db, {
    resource: 'discord_channel',
    scope,
    cursor,
    etag: null,
    status,
    detail,
    updated_at: ctx.now().toISOString(),
  });
}

/** The first day whose posts were all read, kept for the rollups (windows before it are unknown). */
async function ensureHistoryStart(ctx: ActivityContext, floor: number): Promise<void> {
  const state = await findSyncState(ctx.db, 'discord_activity', ctx.guildId);
  if (state?.cursor) return;
  await saveSyncState(ctx.db, {
    resource: 'discord_activity',
    scope: ctx.guildId,
    cursor: new Date(floor).toISOString(),
    etag: null,
    status: 'ok',
    detail: `posts read from ${new Date(floor).toISOString().slice(0, 10)} on`,
    updated_at: ctx.now().toISOString(),
  });
}

const startOfUtcDay = (ms: number) => ms - (ms % DAY);
