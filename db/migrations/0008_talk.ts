/**
 * Where a community talks: Discord messages (only a keyed hash of the author and the time, for
 * distinct active members), the per-install salt of that hash, and GitHub Discussions with the
 * logins and associations of their author, first responder and answerer (so "community answer"
 * can be recomputed when the team changes). Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('install_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('discord_message')
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('discord_message_pk', ['guild_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('discord_message_posted_at')
    .on('discord_message')
    .columns(['guild_id', 'posted_at'])
    .execute();
  await db.schema
    .createTable('github_discussion')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('author_association', 'text', (c) => c.notNull())
    .addColumn('author_is_bot', 'integer', (c) => c.notNull())
    .addColumn('answerable', 'integer', (c) => c.notNull())
    .addColumn('first_response_at', 'text')
    .addColumn('answer_at', 'text')
    .addColumn('answer_chosen_at', 'text')
    .addColumn('answer_author', 'text')
    .addColumn('answer_association', 'text')
    .addPrimaryKeyConstraint('github_discussion_pk', ['repo_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('github_discussion').execute();
  await db.schema.dropTable('discord_message').execute();
  await db.schema.dropTable('install_secret').execute();
}
