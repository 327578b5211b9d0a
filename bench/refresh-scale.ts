/**
 * The rollup refresh alone at N× (`node dist/bench/refresh-scale.js N`): a three-year history of the
 * bench's sizes written straight into SQLite (no stand-ins, no HTTP: minutes instead of an hour at
 * 10×), a full rebuild, then 1% new items (new stars, PRs opened and merged, issues opened and
 * closed, contributions, members) and the incremental refresh after them, each refresh in a process
 * of its own (`refresh-child.ts`); and, on a copy of the same history, the incremental refresh after
 * 1% of the 1× sizes (`fixedChange`: the same change at every scale). Each incremental refresh is
 * timed twice, on copies: in a fresh process (`pulseboard collect` from cron) and in a process that
 * made five such refreshes before (`…Warm`: the hourly refresh of a long-running `pulseboard start`). Prints
 * `{scale, first, incremental, incrementalWarm, fixedChange, fixedChangeWarm, rebuild}` as JSON.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openDatabase } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { applyMemberPage } from '../db/queries/discord.js';
import {
  upsertContributions,
  upsertIssues,
  upsertPullRequests,
  upsertRepo,
  upsertRepoSnapshot,
} from '../db/queries/github.js';
import { upsertStarDays } from '../db/queries/star-days.js';
import type { Database } from '../db/schema.js';
import { seeded } from '../demo/random.js';
import { scaled } from './collection.js';
import { copyDatabase, refreshOnce, removeDatabase } from './time-zone.js';

const scale = Number(process.argv[2] ?? 1);
const size = scaled(scale);
const DAY = 86_400_000;
const now = Date.now();
const random = seeded(7);
const iso = (ms: number) => new Date(ms).toISOString();
const REPOS = ['1', '2', '3'];
const endedBy = (at: number) => (at <= now ? at : null);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

async function write(
  db: Kysely<Database>,
  from: number,
  to: number,
  items: number,
  fraction = 1,
  sizes = size,
) {
  const within = () => Math.floor(from + random() * (to - from));
  // Pages of 1,000 rows, as a backfill writes them.
  const batch = async <T>(
    n: number,
    make: (i: number) => T,
    save: (rows: T[]) => Promise<void>,
  ) => {
    for (let i = 0; i < n; i += 1000)
      await save(Array.from({ length: Math.min(1000, n - i) }, (_, k) => make(i + k)));
  };
  const offset = Math.floor(random() * 1e9);
  await batch(
    Math.round(sizes.pulls * fraction),
    (i) => {
      const created = within();
      // An item whose end would come after now is still open (no burst of ends at `now`).
      const merged = random() < 0.6 ? endedBy(created + random() * 20 * DAY) : null;
      return {
        repo_id: pick(REPOS),
        number: offset + i,
        author: `p${Math.floor(random() * items)}`,
        author_is_bot: 0 as const,
        author_association: 'NONE',
        title: 't',
        state: merged ? ('merged' as const) : ('open' as const),
        is_draft: 0 as const,
        created_at: iso(created),
        updated_at: iso(now),
        merged_at: merged ? iso(merged) : null,
        closed_at: merged ? iso(merged) : null,
        first_review_at: iso(created + 3_600_000),
        first_response_at: null,
        merge_commit: null,
      };
    },
    async (rows) => {
      await upsertPullRequests(db, rows);
      await upsertContributions(
        db,
        rows.flatMap((r) =>
          r.merged_at
            ? [
                {
                  repo_id: r.repo_id,
                  kind: 'pr' as const,
                  ref: String(r.number),
                  contributor: r.author,
                  at: r.merged_at,
                },
              ]
            : [],
        ),
      );
    },
  );
  await batch(
    Math.round(sizes.issues * fraction),
    (i) => {
      const created = within();
      const closed = random() < 0.7 ? endedBy(created + random() * 30 * DAY) : null;
      return {
        repo_id: pick(REPOS),
        number: offset + i,
        author: `i${i % 5000}`,
        author_is_bot: 0 as const,
        title: 't',
        state: closed ? ('closed' as const) : ('open' as const),
        created_at: iso(created),
        updated_at: iso(now),
        closed_at: closed ? iso(closed) : null,
        first_response_at: iso(created + 7_200_000),
      };
    },
    (rows) => upsertIssues(db, rows),
  );
  await batch(
    Math.round(sizes.commits * fraction),
    (i) => ({
      repo_id: pick(REPOS),
      kind: 'commit' as const,
      ref: `c${offset + i}`,
      contributor: `p${Math.floor(random() * items)}`,
      at: iso(within()),
    }),
    (rows) => upsertContributions(db, rows),
  );
  await batch(
    Math.round(sizes.members * fraction),
    (i) => [`m${offset + i}`, iso(within())] as const,
    async (rows) => {
      await applyMemberPage(db, 'g', new Map(rows), iso(now));
    },
  );
}

async function starDays(db: Kysely<Database>, from: number, to: number, perDay: number) {
  for (const repo of REPOS) {
    const rows = [];
    for (let t = from; t < to; t += DAY)
      rows.push({ repo_id: repo, starts_at: `${iso(t).slice(0, 10)}T00:00:00Z`, stars: perDay });
    await upsertStarDays(db, rows);
    await upsertRepoSnapshot(db, {
      repo_id: repo,
      day: iso(now).slice(0, 10),
      taken_at: iso(now),
      stars: Math.round((size.stars / 3) * 1.01),
      forks: 10,
      open_issues: 0,
    });
  }
}

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
await write(database.db, start, now - DAY, 400 * scale);
await starDays(database.db, start, now - DAY, Math.round(size.stars / 3 / 1095));
await database.close();
process.stderr.write(`${scale}×: history written; full rebuild…\n`);
const first = refreshOnce(path, 'UTC', true);
// The same history twice over: once with 1% of its own size new, once with 1% of the 1× size new
// (the same change whatever the history: what "grows with the change, not the history" compares).
const fixedPath = join(dir, 'fixed-change.db');
copyDatabase(path, fixedPath);
await addChange(path, size, Math.round(size.stars * 0.01));
await addChange(fixedPath, scaled(1), Math.round(scaled(1).stars * 0.01));

async function addChange(at: string, sizes: ReturnType<typeof scaled>, stars: number) {
  const reopened = await openDatabase({ kind: 'sqlite', path: at });
  await write(reopened.db, now - DAY, now, 400 * scale, 0.01, sizes);
  await starDays(reopened.db, now - DAY, now, Math.round(stars / 3));
  await reopened.close();
}

// `node dist/bench/refresh-scale.js N DIR`: keeps the databases as they are before the incremental
// refresh in DIR (repeat that refresh, or profile it, on copies of them): `before-incremental.db`
// (1% of N× new) and `fixed-change.db` (1% of 1× new).
const keep = process.argv[3];
if (keep) {
  copyDatabase(path, join(keep, 'before-incremental.db'));
  copyDatabase(fixedPath, join(keep, 'fixed-change.db'));
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
const incremental = refreshOnce(path, 'UTC');
const fixedChange = refreshOnce(fixedPath, 'UTC');
const rebuild = refreshOnce(path, 'UTC', true);
process.stdout.write(
  `${JSON.stringify({ scale, first, incremental, incrementalWarm, fixedChange, fixedChangeWarm, rebuild })}\n`,
);
