/** A plain history for rollup tests, written straight through db/queries: repositories with work. */
import type { Kysely } from 'kysely';
import {
  upsertContributions,
  upsertIssues,
  upsertPullRequests,
  upsertRepo,
} from '../../db/queries/github.js';
import type { Database } from '../../db/schema.js';

export const NOW = Date.parse('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/** A tracked repository `o/<id>` and nothing else: what most database tests start from. */
export function addRepo(db: Kysely<Database>, id: string, firstSeenAt = iso(NOW)): Promise<void> {
  return upsertRepo(db, {
    id,
    full_name: `o/${id}`,
    default_branch: 'main',
    is_fork: 0,
    is_archived: 0,
    created_at: null,
    first_seen_at: firstSeenAt,
  });
}

/** Computed daily values as lines like `storedRollups`', sorted. */
export const rollupLines = (
  rows: readonly { metric: string; scope: string; day: string; value: number | null }[],
) =>
  rows.map((r) => `${r.metric} ${r.scope} ${r.day} ${r.value === null ? 'null' : r.value}`).sort();

/** Every stored daily value as one sortable line: rollups compared row for row. */
export async function storedRollups(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('daily_metric')
    .select(['metric', 'scope', 'day', 'value'])
    .execute();
  return rows
    .map((r) => `${r.metric} ${r.scope} ${r.day} ${r.value === null ? 'null' : Number(r.value)}`)
    .sort();
}

/** `repos` repositories, each with a pull request, an issue and a contribution `days` ago. */
export async function seed(db: Kysely<Database>, repos: number, days: number) {
  for (let r = 0; r < repos; r++) {
    const id = `r${r}`;
    const at = iso(NOW - days * DAY + r * 3_600_000);
    await addRepo(db, id, at);
    await addWork(db, id, 1, at);
  }
}

/**
 * A pull request merged, and an issue closed and answered, `hours` after `at` (by `author`), and the
 * contribution of that merge.
 */
export async function addWork(
  db: Kysely<Database>,
  repo: string,
  number: number,
  at: string,
  { author = `p${number % 7}`, hours = 5 } = {},
) {
  const merged = iso(Date.parse(at) + hours * 3_600_000);
  const item = { repo_id: repo, number, author, author_is_bot: 0 as const };
  await upsertPullRequests(db, [
    {
      ...item,
      author_association: 'NONE',
      title: 't',
      state: 'merged',
      is_draft: 0,
      created_at: at,
      updated_at: merged,
      merged_at: merged,
      closed_at: merged,
      first_review_at: merged,
      first_response_at: null,
      merge_commit: null,
    },
  ]);
  await upsertIssues(db, [
    {
      ...item,
      title: 't',
      state: 'closed',
      created_at: at,
      updated_at: merged,
      closed_at: merged,
      first_response_at: merged,
    },
  ]);
  await upsertContributions(db, [
    { repo_id: repo, kind: 'pr', ref: String(number), contributor: item.author, at: merged },
  ]);
}
