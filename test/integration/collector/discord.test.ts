import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { memberHash } from '../../../collector/discord/collect.js';
import { runCollection, type CollectionOptions } from '../../../collector/run.js';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { advanceGuild, currentMembers } from '../../../demo/discord/stand-in.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import {
  DISCORD_TEST_URL,
  startDiscordStandIn,
  type DiscordFixture,
} from '../../helpers/discord.js';

function config(
  fixture: DiscordFixture,
  env: Partial<CollectionOptions['config']['env']> = {},
  inviteCode: string | null = null,
) {
  return {
    github: null,
    discord: { guildId: fixture.standIn.guild.guildId, inviteCode },
    env: {
      discordBotToken: 'test-bot-token-not-real',
      discordApiUrl: DISCORD_TEST_URL,
      ...env,
    } as CollectionOptions['config']['env'],
  };
}

async function collect(
  database: DatabaseHandle,
  fixture: DiscordFixture,
  extra: Partial<CollectionOptions> = {},
) {
  const [summary] = await runCollection({
    db: database.db,
    config: config(fixture),
    sources: ['discord'],
    ...extra,
  });
  return summary!;
}

/** The stored join history: member hash → joined_at, for members still present. */
async function storedPresent(database: DatabaseHandle) {
  const rows = await database.db
    .selectFrom('discord_member')
    .selectAll()
    .where('left_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.member_hash, r.joined_at]));
}

describe.each(DIALECTS)('Discord collector on %s', (dialect) => {
  let database: OpenTestDatabase;
  let fixture: DiscordFixture;

  beforeAll(async () => {
    fixture = startDiscordStandIn({ members: 2600, seed: 4 });
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    fixture?.close();
    await database?.drop();
  });

  test('stores a member snapshot and the join history of the current members', async () => {
    const summary = await collect(database, fixture);
    expect(summary.error).toBeNull();
    const guild = fixture.standIn.guild;
    const members = currentMembers(guild);
    const snapshot = await database.db
      .selectFrom('discord_snapshot')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(snapshot).toMatchObject({ guild_id: guild.guildId, member_count: members.length });
    expect(await storedPresent(database)).toEqual(
      new Map(members.map((m) => [memberHash(guild.guildId, m.id), m.joinedAt])),
    );
    expect(fixture.standIn.stats.routes['GET /guilds/:id/members']).toBe(
      Math.ceil(members.length / 1000),
    );
    // Only hashes are stored: no member id appears in the table.
    const stored = JSON.stringify(
      await database.db.selectFrom('discord_member').selectAll().execute(),
    );
    expect(stored).not.toContain(members[0]!.id);
  });

  test('the next day, the diff records joins and leaves', async () => {
    const guild = fixture.standIn.guild;
    const before = new Set(currentMembers(guild).map((m) => m.id));
    advanceGuild(guild, 40, 25);
    const tomorrow = new Date(Date.parse(guild.now));
    const summary = await collect(database, fixture, { now: () => tomorrow });
    expect(summary.ok, summary.error ?? '').toBe(true);
    const members = currentMembers(guild);
    expect(await storedPresent(database)).toEqual(
      new Map(members.map((m) => [memberHash(guild.guildId, m.id), m.joinedAt])),
    );
    const left = await database.db
      .selectFrom('discord_member')
      .selectAll()
      .where('left_at', 'is not', null)
      .execute();
    const gone = [...before].filter((id) => !members.some((m) => m.id === id));
    expect(left.map((r) => r.member_hash).sort()).toEqual(
      gone.map((id) => memberHash(guild.guildId, id)).sort(),
    );
    expect(left.every((r) => r.left_at === tomorrow.toISOString())).toBe(true);
  });
});

describe('Discord collector edge cases', () => {
  let fixture: DiscordFixture;
  let database: DatabaseHandle;

  beforeAll(() => {
    fixture = startDiscordStandIn({ members: 1200, seed: 8 });
  });
  afterAll(() => fixture?.close());
  afterEach(async () => {
    fixture.standIn.interceptors.splice(0);
    fixture.standIn.guild.membersIntent = true;
    await database?.close();
  });

  async function freshDb() {
    database = await openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(database.db);
    return database;
  }

  test('without the members intent (403/50001): snapshots only, the reason recorded, the pass succeeds', async () => {
    await freshDb();
    fixture.standIn.guild.membersIntent = false;
    const summary = await collect(database, fixture);
    expect(summary.ok).toBe(true);
    expect(summary.notes.join(' ')).toMatch(/Server Members intent/);
    expect(summary.blockers).toContainEqual({ kind: 'discord-members' });
    expect(await database.db.selectFrom('discord_snapshot').selectAll().execute()).toHaveLength(1);
    expect(await database.db.selectFrom('discord_member').selectAll().execute()).toEqual([]);
    const state = await database.db
      .selectFrom('sync_state')
      .selectAll()
      .where('resource', '=', 'discord_members')
      .executeTakeFirstOrThrow();
    expect(state.status).toBe('refused');
  });

  test('a 429 is waited out for retry_after and the pass completes', async () => {
    await freshDb();
    let limited = 0;
    fixture.standIn.interceptors.push((_request, url) => {
      if (url.pathname.endsWith('/members') && limited === 0) {
        limited++;
        return new Response(
          JSON.stringify({
            message: 'You are being rate limited.',
            retry_after: 0.2,
            global: false,
          }),
          {
            status: 429,
            headers: {
              'content-type': 'application/json',
              'retry-after': '0.2',
              'x-ratelimit-scope': 'user',
            },
          },
        );
      }
      return undefined;
    });
    const started = Date.now();
    const summary = await collect(database, fixture);
    expect(limited).toBe(1);
    expect(summary.ok, summary.error ?? '').toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect((await storedPresent(database)).size).toBe(currentMembers(fixture.standIn.guild).length);
  });

  test('with only a public invite code, counts come from the invite', async () => {
    await freshDb();
    const [summary] = await runCollection({
      db: database.db,
      config: config(fixture, { discordBotToken: null }, fixture.standIn.guild.inviteCode),
      sources: ['discord'],
    });
    expect(summary!.ok, summary!.error ?? '').toBe(true);
    const snapshot = await database.db
      .selectFrom('discord_snapshot')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(snapshot.member_count).toBe(currentMembers(fixture.standIn.guild).length);
  });

  test.each([
    [
      'a truncated answer',
      () =>
        new Response('{"id": "1", "joined_at', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    ],
    ['a dropped connection', () => Response.error()],
  ])(
    '%s fails the pass in one line, keeps what was stored, and the next pass completes',
    async (_name, fault) => {
      await freshDb();
      expect((await collect(database, fixture)).ok).toBe(true);
      const stored = await storedPresent(database);
      fixture.standIn.interceptors.push(fault);
      const failed = await collect(database, fixture);
      expect(failed.ok).toBe(false);
      expect(failed.error).toMatch(/Discord.*; the next pass tries again\.$/);
      expect(failed.error).not.toMatch(/\n/);
      expect(await storedPresent(database)).toEqual(stored);
      fixture.standIn.interceptors.splice(0);
      const again = await collect(database, fixture);
      expect(again.ok, again.error ?? '').toBe(true);
      expect(await storedPresent(database)).toEqual(stored);
    },
  );

  test('a rejected bot token fails the pass with one clear message', async () => {
    await freshDb();
    fixture.standIn.interceptors.push(
      () =>
        new Response(JSON.stringify({ message: '401: Unauthorized', code: 0 }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const summary = await collect(database, fixture);
    expect(summary.ok).toBe(false);
    expect(summary.error).toBe(
      'Discord rejected DISCORD_BOT_TOKEN (401); copy the bot token again from the Developer Portal into .env.',
    );
  });
});
