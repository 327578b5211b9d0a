/**
 * Stars as the rollups read them: per GitHub day from the star-history endpoint (`star_day`), and
 * the stargazer list (`star`) where that endpoint is missing.
 */
import type { Kysely } from 'kysely';
import { quarterHourOf } from './quarter-hour.js';
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

const quarterHour = quarterHourOf('starred_at');

/**
 * Stargazers as how many starred in each quarter hour (`stars`, see quarter-hour.ts); from a time on: those starred
 * since, and each repository's older ones as one row standing for all of them, at the earliest,
 * so the totals stay exact and an incremental refresh does not read the whole list.
 */
export async function listStars(
  db: Kysely<Database>,
  from: string | null = null,
): Promise<{ repo_id: string; starred_at: string; stars: number }[]> {
  const counted = (rows: { repo_id: string; starred_at: string; stars: number | string }[]) =>
    rows.map((r) => ({ repo_id: r.repo_id, starred_at: r.starred_at, stars: Number(r.stars) }));
  let recent = db
    .selectFrom('star')
    .select((eb) => [
      'repo_id',
      quarterHour.as('starred_at'),
      eb.fn.countAll<number | string>().as('stars'),
    ])
    .groupBy(['repo_id', quarterHour]);
  if (from === null) return counted(await recent.execute());
  recent = recent.where('starred_at', '>=', from);
  const older = await db
    .selectFrom('star')
    .select((eb) => [
      'repo_id',
      eb.fn.min('starred_at').as('starred_at'),
      eb.fn.countAll<number | string>().as('stars'),
    ])
    .where('starred_at', '<', from)
    .groupBy('repo_id')
    .execute();
  return [...counted(older), ...counted(await recent.execute())];
}
