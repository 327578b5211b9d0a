/**
 * Contributions as units of work (DESIGN.md "Contribution"): the default branch's commit graph, so
 * the mainline (first-parent chain) can be rebuilt across incremental passes, and each PR's merge
 * commit, so commits that arrived through a PR are not counted twice. Commit contributions stored by
 * the older rule (every listed commit) are dropped, and the commit and pull-request passes start
 * over, so the next pass rebuilds both by the new rule. Frozen.
 */
import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('git_commit')
    .addColumn('repo_id', 'text', (c) => c.notNull().references('repo.id').onDelete('cascade'))
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('parent', 'text')
    .addColumn('parents', 'integer', (c) => c.notNull())
    .addColumn('contributor', 'text')
    .addColumn('authored_at', 'text', (c) => c.notNull())
    .addColumn('committed_at', 'text', (c) => c.notNull())
    .addColumn('committer', 'text')
    .addColumn('mainline', 'integer')
    .addColumn('pr', 'integer')
    .addPrimaryKeyConstraint('git_commit_pk', ['repo_id', 'sha'])
    .execute();
  await db.schema
    .createIndex('git_commit_mainline')
    .on('git_commit')
    .columns(['repo_id', 'mainline'])
    .execute();
  await db.schema.alterTable('pull_request').addColumn('merge_commit', 'text').execute();
  await db.schema
    .createIndex('pull_request_merge_commit')
    .on('pull_request')
    .columns(['repo_id', 'merge_commit'])
    .execute();
  await db.deleteFrom('contribution').where('kind', '=', 'commit').execute();
  await db.deleteFrom('sync_state').where('resource', 'in', ['commits', 'pull_requests']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('pull_request_merge_commit').execute();
  await db.schema.alterTable('pull_request').dropColumn('merge_commit').execute();
  await db.schema.dropTable('git_commit').execute();
}
