/** Ingest rate: star rows upserted per second, the way the collectors write pages. */
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertRepo, upsertStars } from '../db/queries/github.js';
import type { DatabaseLocation } from '../config/env.js';

export async function benchIngest(location: DatabaseLocation, rows = 100_000): Promise<number> {
  const database = await openDatabase(location);
  try {
    await migrateToLatest(database.db);
    await upsertRepo(database.db, {
      id: 'bench',
      full_name: 'bench/ingest',
      default_branch: 'main',
      is_fork: 0,
      is_archived: 0,
      created_at: null,
      first_seen_at: new Date().toISOString(),
    });
    const stars = Array.from({ length: rows }, (_, i) => ({
      repo_id: 'bench',
      stargazer: `s${i}`,
      starred_at: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
    }));
    const started = performance.now();
    // Pages of 100, each in its own transaction, as a backfill writes them.
    for (let i = 0; i < stars.length; i += 100) {
      await database.db.transaction().execute((trx) => upsertStars(trx, stars.slice(i, i + 100)));
    }
    return rows / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
  }
}
