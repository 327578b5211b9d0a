/**
 * Window states as bytes (`rollup_window.state`: a blob, bytea on PostgreSQL) instead of JSON text
 * with base64 arrays: at 10× history the states are megabytes, and an hourly refresh spent more time
 * parsing and decoding them than using them. The states are a cache: the table is created again
 * empty, and the first refresh after this reads its windows whole and keeps new states. Frozen.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations see the database as it was then */
export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema.dropTable('rollup_window').execute();
  await createTable(db, bytes);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_window').execute();
  await createTable(db, 'text');
}

async function createTable(db: Kysely<any>, state: 'blob' | 'bytea' | 'text') {
  await db.schema
    .createTable('rollup_window')
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('state', state, (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_window_pk', ['metric', 'scope'])
    .execute();
}
