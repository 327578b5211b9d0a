import type { Kysely } from 'kysely';
import type { Database, DiscordSnapshotTable } from '../schema.js';
import { inChunks } from './chunks.js';

export async function insertDiscordSnapshot(
  db: Kysely<Database>,
  row: DiscordSnapshotTable,
): Promise<void> {
  await db
    .insertInto('discord_snapshot')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['guild_id', 'taken_at']).doUpdateSet({
        member_count: row.member_count,
        presence_count: row.presence_count,
      }),
    )
    .execute();
}

/**
 * Applies one page of a member listing that started at `listedAt`: new members and rejoins (Discord
 * resets `joined_at`) are upserted, and every listed member is stamped as seen at `listedAt`, so the
 * leavers can be found at the end without holding the listing in memory.
 */
export async function applyMemberPage(
  db: Kysely<Database>,
  guildId: string,
  page: ReadonlyMap<string, string>,
  listedAt: string,
): Promise<number> {
  let joined = 0;
  await inChunks([...page.keys()], async (hashes) => {
    const stored = new Map(
      (
        await db
          .selectFrom('discord_member')
          .select(['member_hash', 'joined_at', 'left_at'])
          .where('guild_id', '=', guildId)
          .where('member_hash', 'in', hashes)
          .execute()
      ).map((r) => [r.member_hash, r]),
    );
    const changed = hashes.filter((hash) => {
      const known = stored.get(hash);
      return !known || known.joined_at !== page.get(hash) || known.left_at !== null;
    });
    const unchanged = hashes.filter((hash) => !changed.includes(hash));
    if (changed.length > 0)
      await db
        .insertInto('discord_member')
        .values(
          changed.map((member_hash) => ({
            guild_id: guildId,
            member_hash,
            joined_at: page.get(member_hash)!,
            left_at: null,
            last_seen_at: listedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['guild_id', 'member_hash']).doUpdateSet((eb) => ({
            joined_at: eb.ref('excluded.joined_at'),
            left_at: null,
            last_seen_at: eb.ref('excluded.last_seen_at'),
          })),
        )
        .execute();
    if (unchanged.length > 0)
      await db
        .updateTable('discord_member')
        .set({ last_seen_at: listedAt })
        .where('guild_id', '=', guildId)
        .where('member_hash', 'in', unchanged)
        .execute();
    joined += changed.length;
  });
  return joined;
}

/** The newest `last_seen_at` of the guild's members: a new listing's stamp must come after it. */
export async function findLatestMemberSighting(
  db: Kysely<Database>,
  guildId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('discord_member')
    .select((eb) => eb.fn.max('last_seen_at').as('latest'))
    .where('guild_id', '=', guildId)
    .executeTakeFirst();
  return row?.latest ?? null;
}

/** After a complete listing: members present before it but not seen by it have left, at `now`. */
export async function markUnlistedMembersLeft(
  db: Kysely<Database>,
  guildId: string,
  listedAt: string,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('discord_member')
    .set({ left_at: now })
    .where('guild_id', '=', guildId)
    .where('left_at', 'is', null)
    .where('last_seen_at', '<', listedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
