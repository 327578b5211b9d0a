/**
 * What lets an incremental rollup refresh read only what changed: `rollup_window` keeps each
 * windowed metric's window state (per scope, at the end of one day) so the next refresh resumes the
 * slide instead of re-reading the window; the indexes let the refresh read rows by the times it
 * bounds them with (pull requests closed without a merge, members who joined or left) and each
 * contributor's first contribution without sorting the table. Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_window')
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_window_pk', ['metric', 'scope'])
    .execute();
  await db.schema
    .createIndex('pull_request_closed')
    .on('pull_request')
    .column('closed_at')
    .execute();
  await db.schema
    .createIndex('contribution_first')
    .on('contribution')
    .columns(['repo_id', 'contributor', 'at'])
    .execute();
  await db.schema
    .createIndex('discord_member_joined')
    .on('discord_member')
    .column('joined_at')
    .execute();
  await db.schema
    .createIndex('discord_member_left')
    .on('discord_member')
    .column('left_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of [
    'pull_request_closed',
    'contribution_first',
    'discord_member_joined',
    'discord_member_left',
  ])
    await db.schema.dropIndex(index).execute();
  await db.schema.dropTable('rollup_window').execute();
}
