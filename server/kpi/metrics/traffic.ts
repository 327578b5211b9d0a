/**
 * GitHub traffic (archived past GitHub's 14 days) and release downloads, per repository and 'all'.
 * Traffic days are GitHub's UTC days; `.uniques` sums GitHub's unique visitors (cloners) of each day
 * over a period, since GitHub gives no distinct count for other periods (someone who came on two
 * days counts twice). The math is in `../traffic.ts` and `../releases.ts`.
 */
import { releaseDownloadSeries } from '../releases.js';
import { trafficSeries } from '../traffic.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext } from './types.js';

/** A traffic metric's fields but its name: GitHub's `kind` of traffic, its `field`, per day. */
const traffic = (
  kind: 'views' | 'clones',
  field: 'count' | 'uniques',
  unit: 'count' | 'people',
) => ({
  unit,
  kind: 'per_period' as const,
  area: 'growth' as const,
  reads: ['trafficDays'] as const,
  compute: (data: RawData, ctx: RollupContext) =>
    trafficSeries(data.trafficDays, kind, field, ctx.today),
});

export const trafficMetrics = [
  defineMetric({
    id: 'github.traffic.views',
    label: 'Repository views',
    description: 'Views of the repositories’ pages on GitHub, as GitHub counts them.',
    ...traffic('views', 'count', 'count'),
  }),
  defineMetric({
    id: 'github.traffic.views.uniques',
    label: 'Daily unique visitors',
    description:
      'GitHub’s count of each day’s distinct visitors, added up over the days (someone back another day counts again).',
    ...traffic('views', 'uniques', 'people'),
  }),
  defineMetric({
    id: 'github.traffic.clones',
    label: 'Repository clones',
    description: 'Clones of the repositories, as GitHub counts them.',
    ...traffic('clones', 'count', 'count'),
  }),
  defineMetric({
    id: 'github.traffic.clones.uniques',
    label: 'Daily unique cloners',
    description: 'GitHub’s count of each day’s distinct cloners, added up over the days.',
    ...traffic('clones', 'uniques', 'people'),
  }),
];

export const releaseMetrics = [
  defineMetric({
    id: 'github.releases.downloads',
    label: 'Release downloads',
    description: 'Downloads of the releases’ files.',
    unit: 'count',
    kind: 'per_period',
    area: 'downloads',
    reads: ['releaseCounts', 'releaseFirstReads'],
    fromReadings: true,
    compute: (data, ctx) =>
      releaseDownloadSeries(
        data.releaseCounts,
        ctx.today,
        new Map(data.releaseFirstReads.map((r) => [r.repo_id, r.day])),
      ),
  }),
];
