/**
 * The ratio metrics' daily series for scope 'all' and each repository, from stored rows (pure).
 * The metric registry's entries for `github.prs.acceptance_rate`, `github.issues.closure_ratio`
 * and `github.forks.contributing_share` call this.
 */
import { dayOf } from './dates.js';
import { acceptanceRate, closureRatio, contributingShare } from './ratios.js';
import type { Point } from './series.js';

export interface RatioData {
  repos: readonly { id: string }[];
  /** Pull requests not opened by bots. */
  pullRequests: readonly { repo_id: string; merged_at: string | null; closed_at: string | null }[];
  issues: readonly { repo_id: string; created_at: string; closed_at: string | null }[];
  forks: readonly { repo_id: string; owner: string; owner_type: string; created_at: string }[];
  contributions: readonly { repo_id: string; contributor: string; at: string }[];
}

export const RATIO_METRICS = [
  'github.prs.acceptance_rate',
  'github.issues.closure_ratio',
  'github.forks.contributing_share',
] as const;

export function computeRatioRollups(
  data: RatioData,
  timeZone: string,
  today: string,
): { metric: string; scope: string; points: Point[] }[] {
  const day = (instant: string) => dayOf(instant, timeZone);
  const out: { metric: string; scope: string; points: Point[] }[] = [];
  const emit = (
    metric: string,
    scope: string,
    days: string[],
    compute: (from: string) => Point[],
  ) => {
    if (days.length === 0) return;
    const from = days.reduce((a, b) => (a < b ? a : b));
    if (from <= today) out.push({ metric, scope, points: compute(from) });
  };
  for (const scope of ['all', ...data.repos.map((r) => r.id)]) {
    const mine = <T extends { repo_id: string }>(rows: readonly T[]) =>
      scope === 'all' ? rows : rows.filter((r) => r.repo_id === scope);
    const prs = mine(data.pullRequests).map((p) => ({
      mergedDay: p.merged_at ? day(p.merged_at) : null,
      closedDay: p.closed_at ? day(p.closed_at) : null,
    }));
    const decided = prs.flatMap((p) => p.mergedDay ?? p.closedDay ?? []);
    emit(RATIO_METRICS[0], scope, decided, (from) => acceptanceRate(prs, from, today));
    const issues = mine(data.issues).map((i) => ({
      openedDay: day(i.created_at),
      closedDay: i.closed_at ? day(i.closed_at) : null,
    }));
    emit(
      RATIO_METRICS[1],
      scope,
      issues.map((i) => i.openedDay),
      (from) => closureRatio(issues, from, today),
    );
    const forks = mine(data.forks).map((f) => ({
      owner: f.owner,
      ownerType: f.owner_type,
      day: day(f.created_at),
    }));
    const firsts = new Map<string, string>();
    for (const c of mine(data.contributions)) {
      const d = day(c.at);
      const known = firsts.get(c.contributor);
      if (known === undefined || d < known) firsts.set(c.contributor, d);
    }
    emit(
      RATIO_METRICS[2],
      scope,
      forks.map((f) => f.day),
      (from) => contributingShare(forks, firsts, from, today),
    );
  }
  return out;
}
