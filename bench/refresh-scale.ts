/**
 * The rollup refresh alone at N× (`node dist/bench/refresh-scale.js N`): a three-year history of the
 * bench's sizes written straight into SQLite (no stand-ins, no HTTP: minutes instead of an hour at
 * 10×), a full rebuild, then 1% new items (new stars, PRs opened and merged, issues opened and
 * closed, contributions, members) and the incremental refresh after them, each refresh in a process
 * of its own (`refresh-child.ts`); and, on a copy of the same history, the incremental refresh after
 * 1% of the 1× sizes (`fixedChange`: the same change at every scale). Each incremental refresh is
 * timed twice, on copies: in a fresh process (`pulseboard collect` from cron) and in a process that
 * made five such refreshes of other copies before (`…Warm`: V8 has optimized the refresh's code).
 * The same change is also timed as a long-running `pulseboard start` refreshes it (`fixedChangeHourly`):
 * in one process and on one database, after five hourly passes of the same size, each refreshed.
 * Prints `{scale, first, incremental, incrementalWarm, fixedChange, fixedChangeWarm,
 * fixedChangeHourly, rebuild}` as JSON.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertRepo } from '../db/queries/github.js';
import { scaled } from './collection.js';
import { DAY, REPOS, scaleHistory, type Sizes } from './scale-history.js';
import { copyDatabase, refreshHourly, refreshOnce, removeDatabase } from './time-zone.js';

const scale = Number(process.argv[2] ?? 1);
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const history = scaleHistory(scale, now);
const size = history.size;

const dir = mkdtempSync(join(tmpdir(), 'pulseboard-refresh-scale-'));
const path = join(dir, 'bench.db');
const database = await openDatabase({ kind: 'sqlite', path });
await migrateToLatest(database.db);
for (const id of REPOS)
  await upsertRepo(database.db, {
    id,
    full_name: `bench/r${id}`,
    default_branch: 'main',
    is_fork: 0,
    is_archived: 0,
    created_at: null,
    first_seen_at: iso(now - 1095 * DAY),
  });
const start = now - 1095 * DAY;
await history.write(database.db, start, now - DAY, 400 * scale);
await history.starDays(database.db, start, now - DAY, Math.round(size.stars / 3 / 1095));
await database.close();
process.stderr.write(`${scale}×: history written; full rebuild…\n`);
const first = refreshOnce(path, 'UTC', true);
// The same history twice over: once with 1% of its own size new, once with 1% of the 1× size new
// (the same change whatever the history: what "grows with the change, not the history" compares).
const fixedPath = join(dir, 'fixed-change.db');
const basePath = join(dir, 'base.db');
copyDatabase(path, fixedPath);
copyDatabase(path, basePath);
await addChange(path, size);
await addChange(fixedPath, scaled(1));

async function addChange(at: string, sizes: Sizes) {
  const reopened = await openDatabase({ kind: 'sqlite', path: at });
  await history.writeChange(reopened.db, sizes);
  await reopened.close();
}

// `node dist/bench/refresh-scale.js N DIR`: keeps the databases as they are before the incremental
// refresh in DIR (repeat that refresh, or profile it, on copies of them): `before-incremental.db`
// (1% of N× new), `fixed-change.db` (1% of 1× new) and `base.db` (nothing new: for `--hourly`).
const keep = process.argv[3];
if (keep) {
  copyDatabase(path, join(keep, 'before-incremental.db'));
  copyDatabase(fixedPath, join(keep, 'fixed-change.db'));
  copyDatabase(basePath, join(keep, 'base.db'));
}
process.stderr.write(`${scale}×: 1% new items written; incremental refreshes…\n`);
const WARM_REFRESHES = 5;
/**
 * The incremental refresh of a copy of `db` in a process that refreshed five other copies first
 * (V8 has optimized the refresh by then: an hourly refresh in a long-running `pulseboard start`).
 */
function warmRefresh(db: string) {
  const measured = `${db}.measured.db`;
  copyDatabase(db, measured);
  const time = refreshOnce(measured, 'UTC', false, WARM_REFRESHES);
  removeDatabase(measured);
  return time;
}
const incrementalWarm = warmRefresh(path);
const fixedChangeWarm = warmRefresh(fixedPath);
const fixedChangeHourly = refreshHourly(basePath, scale, WARM_REFRESHES);
const incremental = refreshOnce(path, 'UTC');
const fixedChange = refreshOnce(fixedPath, 'UTC');
const rebuild = refreshOnce(path, 'UTC', true);
process.stdout.write(
  `${JSON.stringify({ scale, first, incremental, incrementalWarm, fixedChange, fixedChangeWarm, fixedChangeHourly, rebuild })}\n`,
);
