/** Whole-table dumps: two databases with equal dumps hold the same data, row for row. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** What a GitHub pass stores. Bookkeeping (runs, leases) and clock readings are left out. */
export const GITHUB_TABLES = [
  'repo',
  'repo_snapshot',
  'star',
  'star_day',
  'fork',
  'pull_request',
  'issue',
  'github_discussion',
  'contribution',
  'git_commit',
  'contributor',
  'sync_state',
  'traffic_day',
  'traffic_referrer',
  'release',
  'release_asset_count',
] as const;

const CLOCK_COLUMNS = ['taken_at', 'first_seen_at', 'updated_at', 'read_at'];

export async function dumpTables(
  db: Kysely<Database>,
  tables: readonly (keyof Database)[] = GITHUB_TABLES,
): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((row) => {
        // The rollup version is a fresh stamp on every refresh, like a clock reading.
        const stamp = table === 'sync_state' && row.resource === 'rollups' ? ['cursor'] : [];
        const kept = Object.entries(row).filter(
          ([column]) => !CLOCK_COLUMNS.includes(column) && !stamp.includes(column),
        );
        return JSON.stringify(Object.fromEntries(kept));
      })
      .sort();
  }
  return out;
}

/** Per table, the rows only one side has (the first few): `{}` when the dumps are equal. */
export function diffDumps(
  actual: Record<string, string[]>,
  expected: Record<string, string[]>,
): Record<string, { missing: string[]; extra: string[] }> {
  const out: Record<string, { missing: string[]; extra: string[] }> = {};
  for (const table of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const have = new Set(actual[table] ?? []);
    const want = new Set(expected[table] ?? []);
    const missing = [...want].filter((row) => !have.has(row));
    const extra = [...have].filter((row) => !want.has(row));
    if (missing.length > 0 || extra.length > 0)
      out[table] = { missing: missing.slice(0, 3), extra: extra.slice(0, 3) };
  }
  return out;
}
