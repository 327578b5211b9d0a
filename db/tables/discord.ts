/** Discord: member counts, members (hashed ids), posts, and the install secret that salts the hashes. */

export interface DiscordSnapshotTable {
  guild_id: string;
  taken_at: string;
  day: string;
  member_count: number;
  presence_count: number | null;
}

export interface DiscordMemberTable {
  guild_id: string;
  /** A keyed hash of the member id; names are never stored. */
  member_hash: string;
  joined_at: string;
  left_at: string | null;
  last_seen_at: string;
}

/** One post in a guild's text channel: who (a salted hash, see install_secret) and when. */
export interface DiscordMessageTable {
  guild_id: string;
  message_id: string;
  channel_id: string;
  /** HMAC-SHA-256 of the author id, keyed with the install's salt; never the id itself. */
  author_hash: string;
  posted_at: string;
}

/** Secrets made once per install (the Discord author-hash salt), kept with the data they key. */
export interface InstallSecretTable {
  name: string;
  value: string;
  created_at: string;
}
