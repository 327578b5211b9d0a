/**
 * `pulseboard doctor`'s line for the PostgreSQL job queue (`queue.ts`): its jobs waiting, running
 * and failed for good. Plain SQL, so `doctor` neither loads pg-boss nor creates its schema.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Check } from './github/doctor.js';

/** pg-boss's schema, and the queue of repository jobs in it. */
export const QUEUE_SCHEMA = 'pgboss';
export const REPO_QUEUE = 'github-repo';

/** Null where the queue was never used (no `pgboss` schema). */
export async function checkQueue(db: Kysely<Database>): Promise<Check | null> {
  const table = await sql<{ name: string | null }>`
    SELECT to_regclass(${`${QUEUE_SCHEMA}.job`})::text AS name`.execute(db);
  if (!table.rows[0]?.name) return null;
  const { rows } = await sql<{ state: string; n: string }>`
    SELECT state::text AS state, count(*) AS n FROM ${sql.table(`${QUEUE_SCHEMA}.job`)}
    WHERE name = ${REPO_QUEUE} GROUP BY state`.execute(db);
  const count = (...states: string[]) =>
    rows.filter((r) => states.includes(r.state)).reduce((n, r) => n + Number(r.n), 0);
  const [waiting, running, failed] = [count('created', 'retry'), count('active'), count('failed')];
  const detail = `${waiting} repository jobs waiting, ${running} running, ${failed} failed`;
  if (failed === 0) return { status: 'ok', what: 'job queue', detail };
  // The latest failures, named with their last error.
  const named = await sql<{ repo: string; error: string | null }>`
    SELECT data->>'repo' AS repo, output->>'error' AS error
    FROM ${sql.table(`${QUEUE_SCHEMA}.job`)}
    WHERE name = ${REPO_QUEUE} AND state = 'failed'
    ORDER BY completed_on DESC LIMIT ${SHOWN_FAILURES}`.execute(db);
  const which = named.rows.map((r) => `${r.repo}: ${r.error ?? 'the job failed'}`).join('; ');
  const more = failed > named.rows.length ? `; ${failed - named.rows.length} more` : '';
  return {
    status: 'warn',
    what: 'job queue',
    detail: `${detail}, retries used up (${which}${more}); the next pass queues them again`,
  };
}

const SHOWN_FAILURES = 3;
