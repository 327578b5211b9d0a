/**
 * Package downloads (area `downloads`): per-period counts per UTC day from npm's and PyPI's
 * statistics, and Docker Hub pulls from its running total; scope `all` is the sum, and each
 * package (or repository) is a scope of its own, named as in the config.
 */
import { dailyPulls, downloadSeries } from '../downloads.js';
import type { Point } from '../series.js';
import { defineMetric } from './define.js';
import type { RawData } from './raw-data.js';
import type { RollupContext, ScopedPoints } from './types.js';

/** `all` first, then the packages by name; a scope without any value is dropped. */
function scoped(series: Map<string, Point[]>): ScopedPoints[] {
  const all = series.get('all');
  const out: ScopedPoints[] = all ? [{ scope: 'all', points: all }] : [];
  for (const [scope, points] of series) if (scope !== 'all') out.push({ scope, points });
  return out.filter((s) => s.points.some((p) => p.v !== null));
}

function downloads(data: RawData, ctx: RollupContext, source: 'npm' | 'pypi'): ScopedPoints[] {
  const rows = data.packageDownloads.filter((r) => r.source === source);
  // The sources count UTC days; a series runs from the first of them to today.
  const span = ctx.span(rows.map((r) => r.day));
  return span ? scoped(downloadSeries(rows, ...span)) : [];
}

export const downloadMetrics = [
  defineMetric({
    id: 'npm.downloads',
    label: 'npm downloads',
    description: 'Downloads of the configured npm packages.',
    unit: 'count',
    kind: 'per_period',
    area: 'downloads',
    reads: ['packageDownloads'],
    compute: (data, ctx) => downloads(data, ctx, 'npm'),
  }),
  defineMetric({
    id: 'pypi.downloads',
    label: 'PyPI downloads',
    description: 'Downloads of the configured PyPI packages.',
    unit: 'count',
    kind: 'per_period',
    area: 'downloads',
    reads: ['packageDownloads'],
    compute: (data, ctx) => downloads(data, ctx, 'pypi'),
  }),
  defineMetric({
    id: 'docker.pulls',
    label: 'Docker Hub pulls',
    description: 'Pulls of the configured Docker Hub images.',
    unit: 'count',
    kind: 'per_period',
    area: 'downloads',
    reads: ['dockerPulls'],
    fromReadings: true,
    compute(data, ctx) {
      const span = ctx.span(data.dockerPulls.map((r) => r.day));
      return span ? scoped(dailyPulls(data.dockerPulls, ...span)) : [];
    },
  }),
];
