/**
 * GitHub traffic (archived past GitHub's 14 days) and release downloads, per repository and 'all'.
 * Traffic days are GitHub's UTC days; `.uniques` sums GitHub's unique visitors (cloners) of each day
 * over a period, since GitHub gives no distinct count for other periods (someone who came on two
 * days counts twice). The math is in `../traffic.ts` and `../releases.ts`.
 */
import { releaseDownloadSeries } from '../releases.js';
import { trafficSeries } from '../traffic.js';
import { defineMetric } from './define.js';

const traffic = (
  id: string,
  label: string,
  kind: 'views' | 'clones',
  field: 'count' | 'uniques',
  unit: 'count' | 'people',
) =>
  defineMetric({
    id,
    label,
    unit,
    kind: 'per_period',
    area: 'growth',
    reads: ['trafficDays'],
    compute: (data, ctx) => trafficSeries(data.trafficDays, kind, field, ctx.today),
  });

export const trafficMetrics = [
  traffic('github.traffic.views', 'Repository views', 'views', 'count', 'count'),
  traffic('github.traffic.views.uniques', 'Daily unique visitors', 'views', 'uniques', 'people'),
  traffic('github.traffic.clones', 'Repository clones', 'clones', 'count', 'count'),
  traffic('github.traffic.clones.uniques', 'Daily unique cloners', 'clones', 'uniques', 'people'),
];

export const releaseMetrics = [
  defineMetric({
    id: 'github.releases.downloads',
    label: 'Release downloads',
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
