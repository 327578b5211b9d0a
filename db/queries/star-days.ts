/**
 * Stars as the rollups read them: per GitHub day from the star-history endpoint (`star_day`), and
 * the stargazer list (`star`) where that endpoint is missing.
 */
import type { Kysely } from 'kysely';
import { countedByQuarterHour } from './quarter-hour.js';
import type { Database, StarDayTable } from '../schema.js';
import { inChunks } from './chunks.js';

/** Writes days as GitHub reports them now: a re-read page overwrites (an unstar lowers a past day). */
export async function upsertStarDays(
  db: Kysely<Database>,
  rows: readonly StarDayTable[],
): Promise<void> {
  await inChunks(rows, (chunk) =>
    db
      .insertInto('star_day')
      .values(chunk)
      .onConflict((oc) =>
        oc
          .columns(['repo_id', 'starts_at'])
          .doUpdateSet((eb) => ({ stars: eb.ref('excluded.stars') })),
      )
      .execute(),
  );
}

/**
 * The rollups' input: the repositories whose star series comes from the star-history endpoint, and
 * their days with stars (days without any add nothing to a cumulative series).
 */
export async function listStarHistory(db: Kysely<Database>, from: string | null = null) {
  const repos = await db.selectFrom('star_day').select('repo_id').distinct().execute();
  let query = db
    .selectFrom('star_day')
    .select(['repo_id', 'starts_at', 'stars'])
    .where('stars', '>', 0);
  if (from === null) return { repos: repos.map((r) => r.repo_id), days: await query.execute() };
  // From a day on, the older days of each repository add up into its first: the totals stay exact.
  const older = await db
    .selectFrom('star_day')
    .select((eb) => [
      'repo_id',
      eb.fn.min('starts_at').as('starts_at'),
      eb.fn.sum<number>('stars').as('stars'),
    ])
    .where('stars', '>', 0)
    .where('starts_at', '<', from)
    .groupBy('repo_id')
    .execute();
  query = query.where('starts_at', '>=', from);
  const days = [
    ...older.map((d) => ({ ...d, stars: Number(d.stars) })),
    ...(await query.execute()),
  ];
  return { repos: repos.map((r) => r.repo_id), days };
}

/** Stargazers as how many starred in each quarter hour (`stars`; see `countedByQuarterHour`). */
export async function listStars(
  db: Kysely<Database>,
  from: string | null = null,
): Promise<{ repo_id: string; starred_at: string; stars: number }[]> {
  return (await countedByQuarterHour(db, 'star', 'starred_at', from)).map((r) => ({
    repo_id: r.repo_id,
    starred_at: r.at,
    stars: r.count,
  }));
}
