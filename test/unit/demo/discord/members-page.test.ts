/**
 * The Discord stand-in's member listing (`GET /guilds/{id}/members?limit&after`), as Discord pages
 * it: current members with an id above `after`, ascending, `limit` at most 1000. Paged by a kept
 * order and a binary search (a 10× guild has 500k members), it must answer what a plain filter and
 * sort of the current members does, also after members join and leave.
 */
import { expect, test } from 'vitest';
import { advanceGuild, createGuild, currentMembers } from '../../../../demo/discord/guild.js';
import { createDiscordStandIn } from '../../../../demo/discord/stand-in.js';

const guild = createGuild({ members: 3000, now: '2026-11-01T00:00:00Z' });
const standIn = createDiscordStandIn(guild);

async function page(after: string, limit: number): Promise<string[]> {
  const response = await standIn.handle(
    new Request(
      `http://discord.test/api/v10/guilds/${guild.guildId}/members?limit=${limit}&after=${after}`,
      { headers: { authorization: 'Bot x' } },
    ),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { user: { id: string } }[]).map((m) => m.user.id);
}

/** What the listing must hold: current members by id, as BigInt orders them. */
const expected = () =>
  currentMembers(guild)
    .map((m) => m.id)
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

async function listAll(limit: number): Promise<string[]> {
  const all: string[] = [];
  for (let after = '0'; ;) {
    const ids = await page(after, limit);
    all.push(...ids);
    if (ids.length < limit) return all;
    after = ids.at(-1)!;
  }
}

test('paged from 0, the listing holds every current member once, by id', async () => {
  expect(currentMembers(guild).length).toBeLessThan(guild.members.length); // some have left
  expect(await listAll(1000)).toEqual(expected());
  expect(await listAll(7)).toEqual(expected());
});

test('a page after an id starts at the next current member, whatever the id', async () => {
  const ids = expected();
  for (const at of [0, 1, 500, ids.length - 2]) {
    expect(await page(ids[at]!, 3)).toEqual(ids.slice(at + 1, at + 4));
  }
  // An id between members (one less than a member's), and one past the last.
  const member = ids[100]!;
  expect(await page(String(BigInt(member) - 1n), 2)).toEqual(ids.slice(100, 102));
  expect(await page(`${ids.at(-1)!}0`, 5)).toEqual([]);
});

test('after members join and leave, the next listing shows them', async () => {
  await listAll(1000); // the order is kept from this listing
  advanceGuild(guild, 40, 25);
  expect(await listAll(1000)).toEqual(expected());
});
