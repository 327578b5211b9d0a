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

export async function findStoredMembers(
  db: Kysely<Database>,
  guildId: string,
): Promise<Map<string, { joinedAt: string; leftAt: string | null }>> {
  const rows = await db
    .selectFrom('discord_member')
    .select(['member_hash', 'joined_at', 'left_at'])
    .where('guild_id', '=', guildId)
    .execute();
  return new Map(rows.map((r) => [r.member_hash, { joinedAt: r.joined_at, leftAt: r.left_at }]));
}

/**
 * Applies a full member listing: members present are upserted (a rejoin resets `joined_at`, as
 * Discord does); members stored as present but missing from the listing have left, now.
 */
export async function applyMemberListing(
  db: Kysely<Database>,
  guildId: string,
  present: ReadonlyMap<string, string>,
  now: string,
): Promise<{ joined: number; left: number }> {
  const stored = await findStoredMembers(db, guildId);
  const upserts = [...present]
    .filter(([hash, joinedAt]) => {
      const known = stored.get(hash);
      return !known || known.joinedAt !== joinedAt || known.leftAt !== null;
    })
    .map(([member_hash, joined_at]) => ({
      guild_id: guildId,
      member_hash,
      joined_at,
      left_at: null,
      last_seen_at: now,
    }));
  const gone = [...stored]
    .filter(([hash, m]) => m.leftAt === null && !present.has(hash))
    .map(([hash]) => hash);
  await inChunks(upserts, (chunk) =>
    db
      .insertInto('discord_member')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['guild_id', 'member_hash']).doUpdateSet((eb) => ({
          joined_at: eb.ref('excluded.joined_at'),
          left_at: null,
          last_seen_at: eb.ref('excluded.last_seen_at'),
        })),
      )
      .execute(),
  );
  await inChunks(gone, (chunk) =>
    db
      .updateTable('discord_member')
      .set({ left_at: now })
      .where('guild_id', '=', guildId)
      .where('member_hash', 'in', chunk)
      .execute(),
  );
  return { joined: upserts.length, left: gone.length };
}
