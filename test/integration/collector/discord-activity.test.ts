import { ChannelType } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import {
  authorHash,
  BACKFILL_DAYS,
  channelRefused,
  historyRefused,
  SALT_NAME,
  snowflakeBefore,
} from '../../../collector/discord/activity.js';
import { createDiscordRest } from '../../../collector/discord/collect.js';
import { checkChannels } from '../../../collector/discord/doctor.js';
import { runCollection } from '../../../collector/run.js';
import {
  findPostsHistoryStart,
  listDiscordActivity,
} from '../../../db/queries/discord-activity.js';
import type { DatabaseHandle } from '../../../db/connect.js';
import { readRunDetail } from '../../../db/queries/runs.js';
import { advanceGuild } from '../../../demo/discord/stand-in.js';
import { truePosts } from '../../../demo/discord/messages.js';
import { readDailySeries } from '../../../db/queries/metrics.js';
import { discordActivitySeries, firstFullDay } from '../../../server/kpi/activity.js';
import { refreshDailyMetrics } from '../../../server/metrics/refresh.js';
import { dayOf } from '../../../shared/dates.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import {
  DISCORD_TEST_URL,
  startDiscordStandIn,
  type DiscordFixture,
} from '../../helpers/discord.js';

const DAY = 86_400_000;

async function collect(database: DatabaseHandle, fixture: DiscordFixture) {
  const guild = fixture.standIn.guild;
  const [summary] = await runCollection({
    db: database.db,
    config: {
      github: null,
      discord: { guildId: guild.guildId, inviteCode: null },
      env: {
        discordBotToken: 'test-bot-token-not-real',
        discordApiUrl: DISCORD_TEST_URL,
      } as never,
    },
    sources: ['discord'],
    now: () => new Date(guild.now),
  });
  return summary!;
}

async function storedPosts(database: DatabaseHandle) {
  const rows = await database.db.selectFrom('discord_message').selectAll().execute();
  return rows.map((r) => `${r.message_id} ${r.channel_id} ${r.author_hash} ${r.posted_at}`).sort();
}

async function expectedPosts(database: DatabaseHandle, fixture: DiscordFixture, sinceMs: number) {
  const { guild } = fixture.standIn;
  const salt = await database.db
    .selectFrom('install_secret')
    .select('value')
    .where('name', '=', SALT_NAME)
    .executeTakeFirstOrThrow();
  return truePosts(guild.chat.channels, sinceMs)
    .map(
      (p) =>
        `${p.id} ${p.channelId} ${authorHash(salt.value, guild.guildId, p.authorId)} ${new Date(p.at).toISOString()}`,
    )
    .sort();
}

const channelId = (fixture: DiscordFixture, name: string) =>
  fixture.standIn.guild.chat.channels.find((c) => c.name === name)!.id;

describe.each(DIALECTS)('Discord activity on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: DiscordFixture;
  let floor: number;

  beforeAll(async () => {
    fixture = startDiscordStandIn({ members: 900, seed: 21, postsPerDay: 60, chatDays: 120 });
    database = await openTestDatabase(dialect);
    const now = Date.parse(fixture.standIn.guild.now);
    floor = now - BACKFILL_DAYS * DAY - (now % DAY);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });
  afterEach(() => fixture.standIn.interceptors.splice(0));

  test('the backfill stores exactly the members’ posts of the last 90 days, hashed', async () => {
    const summary = await collect(database, fixture);
    expect(summary.ok, summary.error ?? '').toBe(true);
    const expected = await expectedPosts(database, fixture, floor);
    expect(expected.length).toBeGreaterThan(2000);
    expect(await storedPosts(database)).toEqual(expected);
    // What the rollups read: every post, counted by author and quarter hour, and where the history
    // begins.
    const { posts, historyFrom } = await listDiscordActivity(database.db);
    expect(posts.reduce((n, p) => n + p.count, 0)).toBe(expected.length);
    expect(posts.every((p) => /^\d{4}-\d\d-\d\dT\d\d:(00|15|30|45):00Z$/.test(p.posted_at))).toBe(
      true,
    );
    expect(await findPostsHistoryStart(database.db, fixture.standIn.guild.guildId)).toBe(
      new Date(floor).toISOString(),
    );
    expect(historyFrom).toBe(new Date(floor).toISOString());
    // Bots, webhooks and join notices were listed but not kept; older posts were never asked for.
    const { stats, guild } = fixture.standIn;
    const general = stats.messageQueries[channelId(fixture, 'general')]!;
    expect(general[0]).toBe(`after=${snowflakeBefore(floor)}&limit=100`);
    const generalMessages = guild.chat.channels
      .find((c) => c.name === 'general')!
      .messages.filter((m) => BigInt(m.id) > BigInt(snowflakeBefore(floor))).length;
    expect(general).toHaveLength(Math.ceil((generalMessages + 1) / 100));
    // Only text and announcement channels are read; the voice channel and the category are not.
    expect(stats.messageQueries[channelId(fixture, 'Lounge')]).toBeUndefined();
    expect(stats.messageQueries[channelId(fixture, 'Community')]).toBeUndefined();
    // @discordjs/rest followed the buckets' headers: no request was refused with a 429.
    expect(stats.rateLimited).toBe(0);
    // No author id is stored, only their keyed hashes.
    const dump = JSON.stringify(
      await database.db.selectFrom('discord_message').selectAll().execute(),
    );
    expect(dump).not.toContain(guild.chat.posters[0]!.id);
  });

  test.each(['UTC', 'Asia/Kathmandu'])(
    'the rollups (posts read by author and quarter hour) equal the series of every stored post, in %s',
    async (timeZone) => {
      const rows = await database.db
        .selectFrom('discord_message')
        .select(['author_hash', 'posted_at'])
        .execute();
      const start = await findPostsHistoryStart(database.db, fixture.standIn.guild.guildId);
      const now = new Date(Math.max(...rows.map((r) => Date.parse(r.posted_at))) + 3_600_000);
      await refreshDailyMetrics(database.db, timeZone, now, { full: true });
      const first = firstFullDay(start!, timeZone);
      const today = dayOf(now, timeZone);
      const truth = discordActivitySeries(rows, timeZone, first, today, first);
      const stored = async (metric: string) =>
        (await readDailySeries(database.db, metric, 'all')).map((p) => [p.t, p.v]);
      const given = (points: { t: string; v: number | null }[]) =>
        points.filter((p) => p.v !== null).map((p) => [p.t, p.v]);
      expect(await stored('discord.messages')).toEqual(given(truth.messages));
      expect(await stored('discord.active.7d')).toEqual(given(truth.active7d));
      expect(await stored('discord.active.30d')).toEqual(given(truth.active30d));
    },
  );

  test('channels the bot may not read are skipped, named, and the pass succeeds', async () => {
    const summary = (await database.db
      .selectFrom('sync_state')
      .select(['scope', 'status', 'detail'])
      .where('resource', '=', 'discord_channel')
      .where('status', '=', 'refused')
      .orderBy('scope')
      .execute()) as { scope: string; detail: string | null }[];
    expect(summary.map((s) => s.detail).sort()).toEqual(
      [channelRefused('moderators'), historyRefused('audit-log')].sort(),
    );
  });

  test('an unchanged pass asks only for the channel list; refused channels are named again', async () => {
    const before = structuredClone(fixture.standIn.stats.messageQueries);
    const channelLists = fixture.standIn.stats.routes['GET /guilds/:id/channels'];
    const summary = await collect(database, fixture);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(summary.notes).toEqual(
      expect.arrayContaining([channelRefused('moderators'), historyRefused('audit-log')]),
    );
    // Each with the permission the bot lacks, stored with the pass for the health banner.
    const blockers = [
      { kind: 'discord-channel', channel: 'moderators', permission: 'View Channel' },
      { kind: 'discord-channel', channel: 'audit-log', permission: 'Read Message History' },
    ];
    expect(summary.blockers).toEqual(expect.arrayContaining(blockers));
    expect(summary.blockers).toHaveLength(2);
    const run = await database.db
      .selectFrom('collection_run')
      .select('detail')
      .where('id', '=', summary.id)
      .executeTakeFirstOrThrow();
    expect(readRunDetail(run).blockers).toEqual(summary.blockers);
    const asked = Object.entries(fixture.standIn.stats.messageQueries)
      .filter(([id, queries]) => queries.length !== (before[id]?.length ?? 0))
      .map(([id]) => fixture.standIn.guild.chat.channels.find((c) => c.id === id)!.name)
      .sort();
    expect(asked).toEqual([]); // the refusals are asked about again the next day
    expect(fixture.standIn.stats.routes['GET /guilds/:id/channels']).toBe(channelLists! + 1);
  });

  test('the next day, each channel is read after its last message seen, and only that', async () => {
    const { guild, stats } = fixture.standIn;
    const general = guild.chat.channels.find((c) => c.name === 'general')!;
    const lastSeen = general.messages.at(-1)!.id;
    const asked = stats.messageQueries[general.id]!.length;
    advanceGuild(guild, 10, 3);
    const summary = await collect(database, fixture);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(stats.messageQueries[general.id]!.slice(asked)).toEqual([`after=${lastSeen}&limit=100`]);
    // A day later the refused channels are asked again (and still refused).
    expect(stats.messageQueries[channelId(fixture, 'moderators')]).toHaveLength(2);
    expect(summary.notes).toContain(channelRefused('moderators'));
    expect(summary.blockers).toEqual(
      expect.arrayContaining([
        { kind: 'discord-channel', channel: 'moderators', permission: 'View Channel' },
        { kind: 'discord-channel', channel: 'audit-log', permission: 'Read Message History' },
      ]),
    );
    expect(await storedPosts(database)).toEqual(await expectedPosts(database, fixture, floor));
    expect(stats.rateLimited).toBe(0);
  });

  test('a channel that fails is named, the others are read, the next pass catches up', async () => {
    const { guild } = fixture.standIn;
    const help = channelId(fixture, 'help');
    fixture.standIn.interceptors.push((_request, url) =>
      url.pathname.endsWith(`/channels/${help}/messages`)
        ? new Response(JSON.stringify({ message: 'Unknown Channel', code: 10003 }), {
            status: 404,
            headers: { 'content-type': 'application/json' },
          })
        : undefined,
    );
    advanceGuild(guild, 5, 1);
    const failed = await collect(database, fixture);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(
      /^#help: Discord answered 404 \(Unknown Channel\); the next pass retries it\.$/,
    );
    const stored = await storedPosts(database);
    const generalNew = truePosts(
      guild.chat.channels.filter((c) => c.name === 'general'),
      floor,
    ).at(-1)!;
    expect(stored.some((row) => row.startsWith(`${generalNew.id} `))).toBe(true);
    fixture.standIn.interceptors.splice(0);
    const again = await collect(database, fixture);
    expect(again.ok, again.error ?? '').toBe(true);
    expect(await storedPosts(database)).toEqual(await expectedPosts(database, fixture, floor));
  });

  // Last: doctor's reads would count in the message queries the tests above check.
  test('doctor names the channels the bot may not read, with the fix', async () => {
    const rest = createDiscordRest(DISCORD_TEST_URL, 'test-bot-token-not-real');
    const check = await checkChannels(rest, fixture.standIn.guild.guildId);
    const text = fixture.standIn.guild.chat.channels.filter((c) =>
      [ChannelType.GuildText, ChannelType.GuildAnnouncement].includes(c.type),
    ).length;
    expect(check).toEqual({
      status: 'warn',
      what: 'Discord channels',
      detail: expect.stringContaining(`${text - 2} of ${text} text channels readable; skipped: `),
    });
    expect(check.detail).toContain('#moderators (403 Missing Access)');
    expect(check.detail).toContain('#audit-log (no Read Message History)');
    expect(check.detail).toMatch(
      /give the bot's role View Channel and Read Message History there$/,
    );
  });
});
