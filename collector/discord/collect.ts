/**
 * Discord: a member-count snapshot every pass (`GET /guilds/{id}?with_counts=true`, or a public
 * invite's counts without a bot), and join history from the member list when the bot has the
 * GUILD_MEMBERS intent: listed in full on the first pass (or --backfill), then once a day, diffed
 * against what is stored to record joins and leaves. Member ids are stored hashed, never names.
 * With a bot, who posts where (`activity.ts`).
 */
import { createHash } from 'node:crypto';
import { DiscordAPIError, REST, type RESTOptions } from '@discordjs/rest';
import { Routes, type RESTGetAPIGuildMembersResult } from 'discord-api-types/v10';
import type { Kysely } from 'kysely';
import {
  applyMemberPage,
  findLatestMemberSighting,
  insertDiscordSnapshot,
  markUnlistedMembersLeft,
} from '../../db/queries/discord.js';
import { findSyncState, saveSyncState } from '../../db/queries/sync-state.js';
import type { Database, RunBlocker } from '../../db/schema.js';
import type { ProgressSink } from '../progress.js';
import { collectDiscordActivity } from './activity.js';

export interface DiscordContext {
  db: Kysely<Database>;
  /** The bot's client; null without DISCORD_BOT_TOKEN (counts then come from the invite). */
  rest: REST | null;
  /** A client without a token, for the public invite. */
  publicRest: REST;
  guildId: string;
  inviteCode: string | null;
  backfill: boolean;
  signal?: AbortSignal;
  progress: ProgressSink;
  now: () => Date;
}

export interface DiscordOutcome {
  rows: number;
  requests: number;
  notes: string[];
  /** The notes that need the user's action (a permission or intent the bot lacks). */
  blockers: RunBlocker[];
  /** Channels that could not be read this pass (the rest were). */
  errors: string[];
}

export const MEMBERS_REFUSED =
  'The bot may not list members (it needs the Server Members intent, Developer Portal → Bot → Privileged Gateway Intents); join history is off, member counts still come from snapshots.';

/** Discord's API root and version from DISCORD_API_URL (`https://discord.com/api/v10`). */
export function createDiscordRest(
  apiUrl: string,
  token: string | null,
  options: { timeout?: number } = {},
): REST {
  const match = apiUrl.match(/^(.*?)\/v(\d+)$/);
  const rest = new REST({
    api: match ? match[1]! : apiUrl,
    version: match ? match[2]! : '10',
    // The default undici client bypasses global fetch: tests' msw handlers would not see it.
    makeRequest: fetch as unknown as RESTOptions['makeRequest'],
    timeout: options.timeout ?? 15_000,
  });
  return token ? rest.setToken(token) : rest;
}

export const memberHash = (guildId: string, memberId: string) =>
  createHash('sha256').update(`discord-member:${guildId}:${memberId}`).digest('hex').slice(0, 32);

export async function collectDiscord(ctx: DiscordContext): Promise<DiscordOutcome> {
  const stop = ctx.signal;
  if (!stop) return collectWith(ctx);
  // @discordjs/rest adds an abort listener to the signal of each request and never removes it:
  // given `pulseboard start`'s long-lived stop signal, every request of every pass left one (a
  // leak, and Node's "11 abort listeners" warning after five minutes of the demo). The requests get
  // a signal of this pass instead, which goes with them.
  const pass = new AbortController();
  const onStop = () => pass.abort(stop.reason);
  if (stop.aborted) onStop();
  else stop.addEventListener('abort', onStop, { once: true });
  try {
    return await collectWith({ ...ctx, signal: pass.signal });
  } finally {
    stop.removeEventListener('abort', onStop);
  }
}

async function collectWith(ctx: DiscordContext): Promise<DiscordOutcome> {
  const outcome: DiscordOutcome = { rows: 0, requests: 0, notes: [], blockers: [], errors: [] };
  const now = ctx.now().toISOString();
  const counts = await fetchCounts(ctx, outcome);
  await insertDiscordSnapshot(ctx.db, {
    guild_id: ctx.guildId,
    taken_at: now,
    day: now.slice(0, 10),
    member_count: counts.members,
    presence_count: counts.presence,
  });
  outcome.rows++;
  ctx.progress({
    source: 'discord',
    scope: ctx.guildId,
    resource: 'snapshot',
    items: 1,
    pages: 1,
    total: 1,
    rateRemaining: null,
    done: true,
  });
  if (ctx.rest) {
    await collectMembers(ctx, ctx.rest, outcome);
    const activity = await collectDiscordActivity({ ...ctx, rest: ctx.rest });
    outcome.rows += activity.rows;
    outcome.requests += activity.requests;
    outcome.notes.push(...activity.notes);
    outcome.blockers.push(...activity.blockers);
    outcome.errors.push(...activity.errors);
  }
  return outcome;
}

async function fetchCounts(
  ctx: DiscordContext,
  outcome: DiscordOutcome,
): Promise<{ members: number; presence: number | null }> {
  const query = new URLSearchParams({ with_counts: 'true' });
  outcome.requests++;
  const body = ctx.rest
    ? ((await ctx.rest.get(Routes.guild(ctx.guildId), { query, signal: ctx.signal })) as CountsJson)
    : ((await ctx.publicRest.get(Routes.invite(ctx.inviteCode!), {
        query,
        auth: false,
        signal: ctx.signal,
      })) as CountsJson);
  return {
    members: body.approximate_member_count ?? 0,
    presence: body.approximate_presence_count ?? null,
  };
}

interface CountsJson {
  approximate_member_count?: number;
  approximate_presence_count?: number;
}

async function collectMembers(
  ctx: DiscordContext,
  rest: REST,
  outcome: DiscordOutcome,
): Promise<void> {
  const state = await findSyncState(ctx.db, 'discord_members', ctx.guildId);
  const today = ctx.now().toISOString().slice(0, 10);
  const listedToday = state?.status === 'ok' && state.updated_at.slice(0, 10) === today;
  if (!ctx.backfill && listedToday) return;

  // Each page is applied as it comes (memory stays one page however large the guild); leavers are
  // decided only once the whole listing is in, so a pass that dies mid-listing marks no one as left.
  const listedAt = await listingStamp(ctx);
  let listed: number;
  try {
    listed = await listMembers(ctx, rest, outcome, listedAt);
  } catch (error) {
    if (!(error instanceof DiscordAPIError && error.status === 403)) throw error;
    await saveMembersState(ctx.db, ctx, 'refused', MEMBERS_REFUSED);
    outcome.notes.push(MEMBERS_REFUSED);
    outcome.blockers.push({ kind: 'discord-members' });
    return;
  }
  await ctx.db.transaction().execute(async (trx) => {
    outcome.rows += await markUnlistedMembersLeft(
      trx,
      ctx.guildId,
      listedAt,
      ctx.now().toISOString(),
    );
    await saveMembersState(trx, ctx, 'ok', `${listed} members listed`);
  });
}

/** The listing's stamp orders after every earlier one even if the clock went back (or stood still). */
async function listingStamp(ctx: DiscordContext): Promise<string> {
  const latest = await findLatestMemberSighting(ctx.db, ctx.guildId);
  const now = ctx.now().getTime();
  return new Date(
    latest !== null && Date.parse(latest) >= now ? Date.parse(latest) + 1 : now,
  ).toISOString();
}

/** Pages through the member list, storing each page as seen at `listedAt`; returns how many were listed. */
async function listMembers(
  ctx: DiscordContext,
  rest: REST,
  outcome: DiscordOutcome,
  listedAt: string,
): Promise<number> {
  let listed = 0;
  let after = '0';
  for (let pages = 1; ; pages++) {
    ctx.signal?.throwIfAborted();
    outcome.requests++;
    const page = (await rest.get(Routes.guildMembers(ctx.guildId), {
      query: new URLSearchParams({ limit: '1000', after }),
      signal: ctx.signal,
    })) as RESTGetAPIGuildMembersResult;
    const present = new Map<string, string>();
    for (const member of page) {
      if (member.user) present.set(memberHash(ctx.guildId, member.user.id), member.joined_at ?? '');
    }
    outcome.rows += await ctx.db
      .transaction()
      .execute((trx) => applyMemberPage(trx, ctx.guildId, present, listedAt));
    listed += present.size;
    const done = page.length < 1000;
    ctx.progress({
      source: 'discord',
      scope: ctx.guildId,
      resource: 'members',
      items: listed,
      pages,
      total: null,
      rateRemaining: null,
      done,
    });
    if (done) return listed;
    after = page.at(-1)!.user!.id;
  }
}

async function saveMembersState(
  db: Kysely<Database>,
  ctx: DiscordContext,
  status: 'ok' | 'refused',
  detail: string,
): Promise<void> {
  await saveSyncState(db, {
    resource: 'discord_members',
    scope: ctx.guildId,
    cursor: null,
    etag: null,
    status,
    detail,
    updated_at: ctx.now().toISOString(),
  });
}
