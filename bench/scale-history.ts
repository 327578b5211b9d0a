/**
 * The history `refresh-scale.ts` writes straight into SQLite at N× the bench's sizes (three
 * repositories, three years, no burst of ends: an item whose merge or close would come after now
 * stays open), and the rows of an hourly pass on top of it (`writeChange`, which `refresh-child.ts
 * --hourly` writes before each of its refreshes).
 */
import type { Kysely } from 'kysely';
import { applyMemberPage } from '../db/queries/discord.js';
import {
  upsertContributions,
  upsertIssues,
  upsertPullRequests,
  upsertRepoSnapshot,
} from '../db/queries/github.js';
import { upsertStarDays } from '../db/queries/star-days.js';
import type { Database } from '../db/schema.js';
import { seeded } from '../demo/random.js';
import { scaled } from './collection.js';

export const DAY = 86_400_000;
export const REPOS = ['1', '2', '3'];

export type Sizes = ReturnType<typeof scaled>;

/** The writers of a history at `scale`× as of `now`, drawing from the random stream `seed`. */
export function scaleHistory(scale: number, now: number, seed = 7) {
  const size = scaled(scale);
  const random = seeded(seed);
  const iso = (ms: number) => new Date(ms).toISOString();
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

  /** 1% of `sizes` new over the day before now (authors from the history's people): a pass's rows. */
  async function writeChange(db: Kysely<Database>, sizes: Sizes) {
    await write(db, now - DAY, now, 400 * scale, 0.01, sizes);
    await starDays(db, now - DAY, now, Math.round((sizes.stars * 0.01) / 3));
  }

  return { size, write, starDays, writeChange };
}
