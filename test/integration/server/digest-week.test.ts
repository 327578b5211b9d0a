/**
 * The digest for a week shows the key results as they stood at that week's end, not today: the
 * week-end value, the week's own change and the status then, on Slack and on Discord alike. The
 * rollups keep moving after the week (a burst of stars crosses the target two days later).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Objective } from '../../../config/load.js';
import { renderDiscord } from '../../../server/digest/discord.js';
import { buildDigest, lastFullWeek } from '../../../server/digest/model.js';
import { renderSlack } from '../../../server/digest/slack.js';
import { dayRange } from '../../../shared/dates.js';
import { DIALECTS, openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import { keyResult } from '../../helpers/okrs.js';

const NOW = new Date('2026-11-25T10:00:00Z'); // a Wednesday: the last full week is 2026-W47
const TODAY = '2026-11-25';
const WEEK = '2026-W47'; // Nov 16 – Nov 22

// Stars: 1,000 on Nov 1, +10 a day to 1,210 on Nov 22 (1,140 the Sunday before), then +100 a day
// to 1,510 today. The target (1,300) is first reached on Nov 24, after the week.
const stars = dayRange('2026-11-01', TODAY).map((day, i) => ({
  metric: 'github.stars',
  scope: 'all',
  day,
  value: day <= '2026-11-22' ? 1000 + 10 * i : 1210 + 100 * (i - 21),
}));
// Discord members: history only from Nov 23, after the week.
const members = dayRange('2026-11-23', TODAY).map((day) => ({
  metric: 'discord.members',
  scope: 'all',
  day,
  value: 500,
}));

const OKRS: Objective[] = [
  {
    objective: 'Grow',
    keyResults: [
      keyResult('stars', 'github.stars', 1300, { label: 'Stars', start: '2026-11-01' }),
      keyResult('members', 'discord.members', 400, { label: 'Members', start: '2026-11-01' }),
    ],
  },
];
const SETTINGS = { project: 'Rocket', timezone: 'UTC', okrs: OKRS };

const texts = (model: Awaited<ReturnType<typeof buildDigest>>) => ({
  slack: JSON.stringify(renderSlack(model)),
  discord: JSON.stringify(renderDiscord(model)),
});

describe.each(DIALECTS)('the digest of a past week on %s', (dialect) => {
  let database: OpenTestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await database.db
      .insertInto('daily_metric')
      .values([...stars, ...members])
      .execute();
  });
  afterAll(async () => database?.drop());

  test('shows the week-end value, the week’s own change and the status as of the week’s end', async () => {
    expect(lastFullWeek(NOW, 'UTC')).toBe(WEEK);
    const model = await buildDigest(database.db, SETTINGS, WEEK, NOW);
    const byId = new Map(model.keyResults.map((k) => [k.id, k]));
    // Nov 22's 1,210, up 70 from Nov 15's 1,140; not today's 1,510 (+340 since Nov 18), achieved.
    expect(byId.get('stars')).toMatchObject({ current: 1210, change: 70, status: 'on_track' });
    expect(byId.get('members')).toMatchObject({
      current: null,
      noValue: 'No value on 2026-11-22: history from Nov 23',
    });
    const { slack, discord } = texts(model);
    expect(slack).toContain('Rocket — week 2026-W47 (Nov 16 – Nov 22)');
    expect(discord).toContain('Rocket — week 2026-W47 (Nov 16 – Nov 22)');
    expect(slack).toContain('🟢 *Stars* 1,210 (target ≥ 1,300), +70 this week — On track');
    expect(discord).toContain('🟢 **Stars** 1,210 (target ≥ 1,300), +70 this week — On track');
    for (const text of [slack, discord]) {
      expect(text).not.toContain('1,510');
      expect(text).not.toContain('Achieved');
    }
  });

  test('an earlier week shows that week’s figures', async () => {
    const model = await buildDigest(database.db, SETTINGS, '2026-W45', NOW); // Nov 2 – Nov 8
    expect(model.keyResults.find((k) => k.id === 'stars')).toMatchObject({
      current: 1070,
      change: 70, // since Sunday Nov 1's 1,000, the first day of the history
    });
    expect(texts(model).slack).toContain('week 2026-W45 (Nov 2 – Nov 8)');
  });

  test('the running week shows today’s figures and its change so far', async () => {
    const model = await buildDigest(database.db, SETTINGS, '2026-W48', NOW); // Nov 23 – Nov 29
    expect(model.keyResults.find((k) => k.id === 'stars')).toMatchObject({
      current: 1510,
      change: 300, // since Sunday's 1,210
      status: 'achieved',
    });
    expect(model.keyResults.find((k) => k.id === 'members')).toMatchObject({ current: 500 });
  });
});
