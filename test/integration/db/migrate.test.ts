import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../db/connect.js';
import { migrateToLatest } from '../../../db/migrate.js';
import { migrations } from '../../../db/migrations/index.js';
import { upsertManualValue } from '../../../db/queries/manual.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../helpers/databases.js';

const TABLES = [
  'alert_event',
  'alert_state',
  'collection_run',
  'contribution',
  'contributor',
  'daily_metric',
  'digest_delivery',
  'discord_member',
  'discord_message',
  'discord_snapshot',
  'docker_pull_snapshot',
  'first_contribution',
  'fork',
  'git_commit',
  'github_discussion',
  'install_secret',
  'issue',
  'lease',
  'manual_value',
  'package_download_day',
  'pull_request',
  'release',
  'release_asset_count',
  'repo',
  'repo_snapshot',
  'rollup_change',
  'rollup_window',
  'star',
  'star_day',
  'sync_state',
  'traffic_day',
  'traffic_referrer',
];

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let testDb: TestDatabase;
  let database: DatabaseHandle;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = await openDatabase(testDb.location);
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  test('the first run applies every migration and creates the tables', async () => {
    const outcome = await migrateToLatest(database.db);
    expect(outcome.applied).toEqual(Object.keys(migrations));
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(TABLES);
  });

  test('running again is a no-op', async () => {
    expect((await migrateToLatest(database.db)).applied).toEqual([]);
  });

  test('text ids keep every digit of a Discord snowflake', async () => {
    const guild = '1234567890123456789'; // above 2^53
    await database.db
      .insertInto('discord_snapshot')
      .values({
        guild_id: guild,
        taken_at: '2026-03-01T10:00:00.000Z',
        day: '2026-03-01',
        member_count: 5,
        presence_count: null,
      })
      .execute();
    const row = await database.db
      .selectFrom('discord_snapshot')
      .select('guild_id')
      .executeTakeFirstOrThrow();
    expect(row.guild_id).toBe(guild);
  });

  test('foreign keys are enforced', async () => {
    await expect(
      database.db
        .insertInto('repo_snapshot')
        .values({
          repo_id: 'no-such-repo',
          day: '2026-01-01',
          taken_at: '2026-01-01T00:00:00Z',
          stars: 1,
          forks: 0,
          open_issues: 0,
        })
        .execute(),
    ).rejects.toThrow(/foreign key/i);
  });

  test('a manual value upserts by metric and day, and counts come back as numbers', async () => {
    const row = {
      metric: 'manual.arr',
      at: '2026-03-01',
      value: 1000.5,
      recorded_at: '2026-03-01T12:00:00Z',
      source: 'cli' as const,
    };
    await upsertManualValue(database.db, row);
    await upsertManualValue(database.db, { ...row, value: 2000, source: 'api' });
    const rows = await database.db.selectFrom('manual_value').selectAll().execute();
    expect(rows).toEqual([{ ...row, value: 2000, source: 'api' }]);
    const { n } = await database.db
      .selectFrom('manual_value')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });
});
