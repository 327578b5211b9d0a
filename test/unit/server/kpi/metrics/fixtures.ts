/** Plain-array rows for the registry's unit tests: empty tables, with what a test sets. */
import type { RawData } from '../../../../../server/kpi/metrics/index.js';

export function rawData(parts: Partial<RawData> = {}): RawData {
  return {
    repos: [],
    stars: [],
    starHistory: { repos: [], days: [] },
    snapshots: [],
    pullRequests: [],
    issues: [],
    contributions: [],
    forks: [],
    discordSnapshots: [],
    discordMembers: [],
    manual: [],
    discordActivity: { historyFrom: null, posts: [] },
    discussions: [],
    trafficDays: [],
    releaseCounts: [],
    releaseFirstReads: [],
    packageDownloads: [],
    dockerPulls: [],
    ...parts,
  };
}

/** `{ day: value }` of one metric's series in one scope, from computeRollups' output. */
export function valuesOf(
  series: readonly { metric: string; scope: string; points: { t: string; v: number | null }[] }[],
  metric: string,
  scope = 'all',
): Record<string, number | null> {
  const found = series.find((s) => s.metric === metric && s.scope === scope);
  return Object.fromEntries((found?.points ?? []).map((p) => [p.t, p.v]));
}
