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
  /** Per scope (a repository's id, or `all`): its first fork. */
  scopes: { scope: string; first_forked_at: string }[];
  /** Each person who forked, per scope: their first fork and first contribution there. */
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

/**
 * Each repository's first fork, organisations' too (its series starts there), and the first of all:
 * one index search a repository (`fork_repo_created`), not a scan of every fork.
 */
async function firstForks(db: Kysely<Database>) {
  const firsts = await db
    .selectFrom('repo as r')
    .select((eb) => [
      'r.id as scope',
      eb
        .selectFrom('fork as f')
        .select((f) => f.fn.min<string>('f.created_at').as('at'))
        .whereRef('f.repo_id', '=', 'r.id')
        .as('first_forked_at'),
    ])
    .execute();
  const forked = firsts.flatMap((s) =>
    s.first_forked_at === null ? [] : [{ scope: s.scope, first_forked_at: s.first_forked_at }],
  );
  const first = forked.reduce<string | null>(
    (a, s) => (a === null || s.first_forked_at < a ? s.first_forked_at : a),
    null,
  );
  if (first !== null) forked.push({ scope: 'all', first_forked_at: first });
  return forked;
}

/**
 * The people who forked each repository (organisations left out: they author no contributions),
 * with their first fork and first contribution there (`first_contribution`), and the same across
 * all repositories (scope `all`). From a time on (an incremental refresh): only the people who
 * forked or first contributed since, found through the indexes on forks by time and on firsts by
 * time (migrations 0014 and 0015), so a refresh after a few new forks reads those, not 40,000 forks
 * a repository (the metric keeps the counts of everyone before as its state).
 */
export async function listForkOwners(
  db: Kysely<Database>,
  from: string | null = null,
): Promise<ForkOwners> {
  const scopes = await firstForks(db);
  if (from === null) return { scopes, owners: await peopleWhoForked(db).execute() };
  return { scopes, owners: await peopleSince(db, from) };
}

/**
 * Who forked or first contributed at `from` or later, per repository (those with a fork there) and
 * across all: a person may be listed twice (the queries below group them).
 */
function forkersSince(db: Kysely<Database>, from: string) {
  // Through `fork_repo_created`, one index search per repository.
  const forkedSince = db
    .selectFrom('fork as f')
    .where('f.owner_type', '<>', 'Organization')
    .where('f.repo_id', 'in', db.selectFrom('repo').select('id'))
    .where('f.created_at', '>=', from);
  const firstsSince = db.selectFrom('first_contribution as c').where('c.at', '>=', from);
  // UNION ALL, with the people grouped below: for a UNION, SQLite 3.53 merges two sorted lists and
  // reads every fork and every first in that order instead of searching the indexes by time.
  const inRepos = forkedSince
    .select(['f.repo_id', 'f.owner'])
    .unionAll(
      firstsSince
        .select(['c.repo_id', 'c.contributor as owner'])
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('fork as o')
              .select('o.owner')
              .where('o.owner_type', '<>', 'Organization')
              .whereRef('o.repo_id', '=', 'c.repo_id')
              .whereRef('o.owner', '=', 'c.contributor'),
          ),
        ),
    );
  const inAll = forkedSince
    .select('f.owner')
    .unionAll(
      firstsSince
        .select('c.contributor as owner')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('fork as o')
              .select('o.owner')
              .where('o.owner_type', '<>', 'Organization')
              .whereRef('o.owner', '=', 'c.contributor'),
          ),
        ),
    );
  // Joined rather than a scalar subquery each: for that, SQLite took the first fork by time
  // (`fork_repo_created`) and read a repository's forks until the person's (0.24 s at 120k forks).
  return { inRepos, inAll };
}

/** `peopleWhoForked`, of those who forked or first contributed at `from` or later only. */
async function peopleSince(db: Kysely<Database>, from: string) {
  const { inRepos, inAll } = forkersSince(db, from);
  const perRepo = await db
    .selectFrom(inRepos.as('p'))
    .innerJoin('fork as o', (join) =>
      join.onRef('o.repo_id', '=', 'p.repo_id').onRef('o.owner', '=', 'p.owner'),
    )
    .leftJoin('first_contribution as c', (join) =>
      join.onRef('c.repo_id', '=', 'p.repo_id').onRef('c.contributor', '=', 'p.owner'),
    )
    .where('o.owner_type', '<>', 'Organization')
    .select((eb) => [
      'p.repo_id as scope',
      eb.fn.min<string>('o.created_at').as('forked_at'),
      'c.at as contributed_at',
    ])
    .groupBy(['p.repo_id', 'p.owner', 'c.at'])
    .execute();
  const acrossAll = await db
    .selectFrom(inAll.as('p'))
    .select((eb) => [
      sql.lit('all').as('scope'),
      eb
        .selectFrom('fork as o')
        .select((o) => o.fn.min<string>('o.created_at').as('at'))
        .where('o.owner_type', '<>', 'Organization')
        .whereRef('o.owner', '=', 'p.owner')
        .as('forked_at'),
      eb
        .selectFrom('first_contribution as c')
        .select((c) => c.fn.min<string>('c.at').as('at'))
        .whereRef('c.contributor', '=', 'p.owner')
        .as('contributed_at'),
    ])
    .groupBy('p.owner')
    .execute();
  return [...perRepo, ...acrossAll].map((p) => ({
    scope: p.scope as string,
    forked_at: p.forked_at!,
    contributed_at: p.contributed_at ?? null,
  }));
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
