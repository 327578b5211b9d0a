/**
 * The daily series of a key result with a scope (`repos:`, `contributors:`). One repository reads
 * its own rollup; contributor metrics of several repositories, or of the team / everyone else, are
 * computed from the stored contributions (the rollups keep no split by person); other metrics of
 * several repositories add up their rollups. The config refuses the combinations that do not add up.
 */
import type { Kysely } from 'kysely';
import type { KeyResultScope } from '../../config/load.js';
import type { MetricDefinition } from '../kpi/metrics/index.js';
import { findRollupVersion, listRepos, readDailySeries } from '../../db/queries/metrics.js';
import { listContributionsOf, listPullRequestAssociations } from '../../db/queries/scope.js';
import type { Database } from '../../db/schema.js';
import { contributorSeries, sumSeries } from '../kpi/scope.js';
import type { Point } from '../kpi/series.js';
import { CONTRIBUTOR_METRICS, isTeamContributor, latestAssociations } from '../kpi/team.js';

export async function readScopedSeries(
  db: Kysely<Database>,
  metric: MetricDefinition,
  scope: KeyResultScope,
  to: string,
): Promise<Point[]> {
  let repoIds: string[] | null = null;
  if (scope.repos !== null) {
    const wanted = new Set(scope.repos.map((r) => r.toLowerCase()));
    repoIds = (await listRepos(db))
      .filter((r) => wanted.has(r.full_name.toLowerCase()))
      .map((r) => r.id);
    if (repoIds.length === 0) return []; // not collected yet
  }
  const contributorMetric = CONTRIBUTOR_METRICS.includes(metric.id);
  if (contributorMetric && (scope.contributors !== null || (repoIds?.length ?? 0) > 1)) {
    const ids = repoIds;
    const key = JSON.stringify([
      metric.id,
      ids,
      scope.contributors,
      scope.team,
      scope.timeZone,
      to,
    ]);
    return remembered(db, key, async () => {
      let contributions = await listContributionsOf(db, ids);
      if (scope.contributors !== null) {
        const associations = latestAssociations(await listPullRequestAssociations(db));
        const wantTeam = scope.contributors === 'team';
        contributions = contributions.filter(
          (c) => isTeamContributor(scope.team, c.contributor, associations) === wantTeam,
        );
      }
      return contributorSeries(metric.id, contributions, scope.timeZone, to);
    });
  }
  const parts = await Promise.all(
    (repoIds ?? ['all']).map((id) => readDailySeries(db, metric.id, id, undefined, to)),
  );
  return parts.length === 1 ? parts[0]! : sumSeries(parts, metric.kind === 'level');
}

/**
 * Series computed from raw rows, kept until the rollups change (a refresh follows every pass that
 * stores contributions): the dashboard, digest, alerts and badges then compute each one once.
 */
const computed = new WeakMap<
  Kysely<Database>,
  { version: string | null; series: Map<string, Promise<Point[]>> }
>();
const MAX_SERIES = 200;

async function remembered(
  db: Kysely<Database>,
  key: string,
  compute: () => Promise<Point[]>,
): Promise<Point[]> {
  const version = await findRollupVersion(db);
  let entry = computed.get(db);
  if (!entry || entry.version !== version || entry.series.size >= MAX_SERIES) {
    entry = { version, series: new Map() };
    computed.set(db, entry);
  }
  let series = entry.series.get(key);
  if (!series) {
    series = compute();
    entry.series.set(key, series);
    const own = entry;
    series.catch(() => own.series.delete(key));
  }
  return series;
}
