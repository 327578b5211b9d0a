/** The per-refresh context entries compute in: day math in the project's zone and shared views. */
import { dayOf } from '../../../shared/dates.js';
import type { Point } from '../series.js';
import type { RawData } from './raw-data.js';
import type {
  MetricDefinition,
  MetricEntry,
  RepoKeyedTable,
  RollupContext,
  ScopedPoints,
} from './types.js';

/** An incremental refresh of one metric: the first day to recompute, and the scopes stored before. */
export interface IncrementalSpan {
  from: string;
  established: ReadonlySet<string>;
}

export function createRollupContext(
  data: RawData,
  timeZone: string,
  today: string,
  incremental: IncrementalSpan | null = null,
): RollupContext {
  const memos = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (!memos.has(key)) memos.set(key, make());
    return memos.get(key) as T;
  };
  return {
    timeZone,
    today,
    day: (instant) => dayOf(instant, timeZone),
    span(days, scope = 'all') {
      if (incremental?.established.has(scope)) return [incremental.from, today];
      if (days.length === 0) return null;
      const first = days.reduce((a, b) => (a < b ? a : b));
      return first > today ? null : [first, today];
    },
    memo,
    repoScopes: [
      { scope: 'all', repo: null },
      ...data.repos.map((r) => ({ scope: r.id, repo: r.id })),
    ],
    ofRepo<K extends RepoKeyedTable>(table: K, repo: string | null): RawData[K] {
      const rows = data[table] as readonly { repo_id: string }[];
      if (repo === null) return rows as RawData[K];
      const grouped = memo(`rows-by-repo:${table}`, () => {
        const groups = new Map<string, { repo_id: string }[]>();
        for (const row of rows) {
          const group = groups.get(row.repo_id);
          if (group) group.push(row);
          else groups.set(row.repo_id, [row]);
        }
        return groups;
      });
      return (grouped.get(repo) ?? []) as unknown as RawData[K];
    },
  };
}

/** An entry's definition without its compute (what the API, config and reports read). */
export function definitionOf(entry: MetricEntry): MetricDefinition {
  const { id, source, label, unit, kind, area, better, windowDays, fromReadings } = entry;
  return { id, source, label, unit, kind, area, better, windowDays, fromReadings };
}

/** One series per repository scope (`all` first), from `compute(repo)`; null or empty is skipped. */
export function perRepoScope(
  ctx: RollupContext,
  compute: (repo: string | null, scope: string) => Point[] | null,
): ScopedPoints[] {
  const out: ScopedPoints[] = [];
  for (const { scope, repo } of ctx.repoScopes) {
    const points = compute(repo, scope);
    if (points && points.length > 0) out.push({ scope, points });
  }
  return out;
}

/** The series of scope `all` only. */
export function allScope(points: Point[] | null): ScopedPoints[] {
  return points && points.length > 0 ? [{ scope: 'all', points }] : [];
}
