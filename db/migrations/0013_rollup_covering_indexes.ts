/**
 * The time indexes the incremental rollup refresh reads its rows through now hold the columns it
 * selects, so a range of times is read from the index in order instead of one table page per row
 * (at 10× history, ~8 µs a row on random pages of the file): pull requests by creation, merge and
 * close time, issues by creation and close time, contributions by time, Discord members by join
 * and leave time. Each keeps its name and leading column, so every other query that used it still
 * does. Frozen.
 */
import type { Kysely } from 'kysely';

/** Index name, table, then its columns: the time first, then what the refresh selects. */
const COVERING: readonly [string, string, string[]][] = [
  [
    'pull_request_created',
    'pull_request',
    [
      'created_at',
      'author_is_bot',
      'repo_id',
      'number',
      'merged_at',
      'closed_at',
      'first_review_at',
    ],
  ],
  [
    'pull_request_merged',
    'pull_request',
    [
      'merged_at',
      'author_is_bot',
      'repo_id',
      'number',
      'created_at',
      'closed_at',
      'first_review_at',
    ],
  ],
  [
    'pull_request_closed',
    'pull_request',
    [
      'closed_at',
      'author_is_bot',
      'repo_id',
      'number',
      'created_at',
      'merged_at',
      'first_review_at',
    ],
  ],
  [
    'issue_created',
    'issue',
    ['created_at', 'author_is_bot', 'repo_id', 'number', 'closed_at', 'first_response_at'],
  ],
  [
    'issue_closed',
    'issue',
    ['closed_at', 'author_is_bot', 'repo_id', 'number', 'created_at', 'first_response_at'],
  ],
  ['contribution_at', 'contribution', ['at', 'repo_id', 'contributor']],
  ['discord_member_joined', 'discord_member', ['joined_at', 'left_at']],
  ['discord_member_left', 'discord_member', ['left_at', 'joined_at']],
];

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of COVERING) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, table, [time]] of COVERING) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on(table).column(time!).execute();
  }
}
