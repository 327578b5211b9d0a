/**
 * The first schema. Frozen: never import app code here, never edit once released;
 * change the schema with a new migration. Types are the ones SQLite and PostgreSQL share.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;

  await s
    .createTable('repo')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('default_branch', 'text')
    .addColumn('is_fork', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text')
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('repo_full_name').on('repo').column('full_name').execute();

  await s
    .createTable('repo_snapshot')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('forks', 'integer', (c) => c.notNull())
    .addColumn('open_issues', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('repo_snapshot_pk', ['repo_id', 'day'])
    .execute();

  await s
    .createTable('star')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('stargazer', 'text', (c) => c.notNull())
    .addColumn('starred_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('star_pk', ['repo_id', 'stargazer'])
    .execute();
  await s.createIndex('star_repo_time').on('star').columns(['repo_id', 'starred_at']).execute();

  await s
    .createTable('pull_request')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('author_is_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_association', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('is_draft', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('merged_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('first_review_at', 'text')
    .addColumn('first_response_at', 'text')
    .addPrimaryKeyConstraint('pull_request_pk', ['repo_id', 'number'])
    .execute();
  await s.createIndex('pull_request_created').on('pull_request').column('created_at').execute();
  await s.createIndex('pull_request_merged').on('pull_request').column('merged_at').execute();

  await s
    .createTable('issue')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('author_is_bot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('first_response_at', 'text')
    .addPrimaryKeyConstraint('issue_pk', ['repo_id', 'number'])
    .execute();
  await s.createIndex('issue_created').on('issue').column('created_at').execute();
  await s.createIndex('issue_closed').on('issue').column('closed_at').execute();

  await s
    .createTable('contribution')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('contributor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contribution_pk', ['repo_id', 'kind', 'ref'])
    .execute();
  await s
    .createIndex('contribution_contributor')
    .on('contribution')
    .column('contributor')
    .execute();
  await s.createIndex('contribution_at').on('contribution').column('at').execute();

  await s
    .createTable('contributor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text')
    .addColumn('first_contribution_at', 'text', (c) => c.notNull())
    .addColumn('first_repo_id', 'text', (c) => c.notNull())
    .addColumn('contributions', 'integer', (c) => c.notNull())
    .execute();

  await s
    .createTable('discord_snapshot')
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull())
    .addColumn('presence_count', 'integer')
    .addPrimaryKeyConstraint('discord_snapshot_pk', ['guild_id', 'taken_at'])
    .execute();
  await s
    .createIndex('discord_snapshot_day')
    .on('discord_snapshot')
    .columns(['guild_id', 'day'])
    .execute();

  await s
    .createTable('discord_member')
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('member_hash', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('discord_member_pk', ['guild_id', 'member_hash'])
    .execute();

  await s
    .createTable('manual_value')
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('manual_value_pk', ['metric', 'at'])
    .execute();

  await s
    .createTable('daily_metric')
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addPrimaryKeyConstraint('daily_metric_pk', ['metric', 'scope', 'day'])
    .execute();

  await s
    .createTable('sync_state')
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('etag', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ok'))
    .addColumn('detail', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_state_pk', ['resource', 'scope'])
    .execute();

  await s
    .createTable('collection_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('ok', 'integer')
    .addColumn('requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('detail', 'text')
    .execute();
  await s
    .createIndex('collection_run_started')
    .on('collection_run')
    .columns(['source', 'started_at'])
    .execute();

  await s
    .createTable('lease')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'lease',
    'collection_run',
    'sync_state',
    'daily_metric',
    'manual_value',
    'discord_member',
    'discord_snapshot',
    'contributor',
    'contribution',
    'issue',
    'pull_request',
    'star',
    'repo_snapshot',
    'repo',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
