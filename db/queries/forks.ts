/** Forks of tracked repositories and their owners. */
import { sql, type Kysely } from 'kysely';
import type { Database, ForkTable } from '../schema.js';
import { inChunks } from './chunks.js';
import { countedByQuarterHour } from './quarter-hour.js';

export async function upsertForks(db: Kysely<Database>, rows: readonly ForkTable[]): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('fork')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['repo_id', 'fork_id']).doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          owner_type: eb.ref('excluded.owner_type'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute(),
  );
}

/** What `github.forks.contributing_share` reads (RawData['forks']). */
export interface ForkOwners {
  /** Per scope (a repository's id, or `all`): its first fork, and the people settled before. */
  scopes: { scope: string; first_forked_at: string; owners: number; contributing: number }[];
  /** Each other person who forked, per scope: their first fork and first contribution there. */
  owners: { scope: string; forked_at: string; contributed_at: string | null }[];
}

/** Each person who forked, per repository and across all (`all`), with their first contribution. */
function peopleWhoForked(db: Kysely<Database>) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('fork')
        .select((f) => ['repo_id', 'owner', f.fn.min('created_at').as('forked_at')])
        .where('owner_type', '<>', 'Organization')
        .groupBy(['repo_id', 'owner'])
        .as('f'),
    )
    .leftJoin('first_contribution as c', (join) =>
      join.onRef('c.repo_id', '=', 'f.repo_id').onRef('c.contributor', '=', 'f.owner'),
    )
    .select(['f.repo_id as scope', 'f.forked_at', 'c.at as contributed_at'])
    .unionAll(
      db
        .selectFrom((eb) =>
          eb
            .selectFrom('fork')
            .select((f) => ['owner', f.fn.min('created_at').as('forked_at')])
            .where('owner_type', '<>', 'Organization')
            .groupBy('owner')
            .as('f'),
        )
        .leftJoin(
          (eb) =>
            eb
              .selectFrom('first_contribution')
              .select((c) => ['contributor', c.fn.min('at').as('at')])
              .groupBy('contributor')
              .as('c'),
          (join) => join.onRef('c.contributor', '=', 'f.owner'),
        )
        .select([sql.lit('all').as('scope'), 'f.forked_at', 'c.at as contributed_at']),
    );
}

/** Each repository's first fork, organisations' too (its series starts there), and the first of all. */
async function firstForks(db: Kysely<Database>) {
  const firsts = await db
    .selectFrom('fork')
    .select((eb) => ['repo_id as scope', eb.fn.min('created_at').as('first_forked_at')])
    .groupBy('repo_id')
    .execute();
  const first = firsts.reduce<string | null>(
    (a, s) => (a === null || s.first_forked_at < a ? s.first_forked_at : a),
    null,
  );
  if (first !== null) firsts.push({ scope: 'all', first_forked_at: first });
  return firsts;
}

/**
 * The people who forked each repository (organisations left out: they author no contributions),
 * with their first fork and first contribution there (`first_contribution`), and the same across
 * all repositories (scope `all`). From a time on (an incremental refresh): the people settled before
 * it (forked before it, and contributed before it or not at all) only as counts per scope, so a
 * refresh after a few new forks reads those, not 40,000 forks a repository.
 */
export async function listForkOwners(
  db: Kysely<Database>,
  from: string | null = null,
): Promise<ForkOwners> {
  const people = peopleWhoForked(db);
  const firsts = await firstForks(db);
  const settled = new Map<string, { owners: number; contributing: number }>();
  let others = db.selectFrom(people.as('p')).selectAll();
  if (from !== null) {
    const counted = await db
      .selectFrom(people.as('p'))
      .select((eb) => [
        'scope',
        eb.fn.countAll<number | string>().as('owners'),
        eb.fn.count<number | string>('contributed_at').as('contributing'),
      ])
      .where('forked_at', '<', from)
      .where((eb) => eb.or([eb('contributed_at', 'is', null), eb('contributed_at', '<', from)]))
      .groupBy('scope')
      .execute();
    for (const c of counted)
      settled.set(c.scope, { owners: Number(c.owners), contributing: Number(c.contributing) });
    others = others.where((eb) =>
      eb.or([eb('forked_at', '>=', from), eb('contributed_at', '>=', from)]),
    );
  }
  return {
    scopes: firsts.map((s) => ({
      ...s,
      ...(settled.get(s.scope) ?? { owners: 0, contributing: 0 }),
    })),
    owners: await others.execute(),
  };
}

/**
 * Forks as how many were made in each quarter hour (`forks`; see `countedByQuarterHour`), for the
 * fork count's history before the first snapshot.
 */
export async function listForkTimes(
  db: Kysely<Database>,
  from: string | null = null,
): Promise<{ repo_id: string; created_at: string; forks: number }[]> {
  return (await countedByQuarterHour(db, 'fork', 'created_at', from)).map((r) => ({
    repo_id: r.repo_id,
    created_at: r.at,
    forks: r.count,
  }));
}
