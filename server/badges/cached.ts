/**
 * The badge and chart SVGs the routes send, computed once per rollup version and day and tagged
 * with an ETag. They read the same cache entries as /api/okrs and /api/metrics: a badge adds no
 * evaluation of its own. Null: no such key result or metric (the route answers 404).
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import { summarizeMetrics } from '../metrics/read.js';
import { currentOkrs } from '../okrs-answer.js';
import { keyResultBadge, metricBadge, metricChart, type ChartRange } from './read.js';

export interface Svg {
  body: string;
  etag: string;
}

export interface BadgeSource {
  keyResult: (id: string) => Promise<Svg | null>;
  metric: (id: string) => Promise<Svg | null>;
  chart: (id: string, range: ChartRange) => Promise<Svg | null>;
}

export function createBadgeSource(ctx: AppContext): BadgeSource {
  const { db } = ctx.database;
  const { settings, today } = ctx;
  // The evaluation /api/okrs shares; not the routes' keys (`okrs:`, `metrics:`), which hold their
  // ready bytes: a badge reading those, or storing its values under them, broke the other.
  const okrs = () => currentOkrs(ctx);
  const metrics = () =>
    ctx.cache.get(`metrics-data:${today()}`, () =>
      summarizeMetrics(db, settings.timezone, ctx.now(), settings.okrs),
    );
  const cached = (key: string, render: () => Promise<string | null>) =>
    ctx.cache.get(`svg:${key}:${today()}`, async (): Promise<Svg | null> => {
      const body = await render();
      return body === null ? null : { body, etag: etagOf(body) };
    });
  return {
    keyResult: (id) => cached(`kr:${id}`, async () => keyResultBadge(await okrs(), id)),
    metric: (id) =>
      cached(`metric:${id}`, async () => metricBadge(db, await okrs(), await metrics(), id)),
    chart: (id, range) =>
      cached(`chart:${id}:${range}`, async () => metricChart(db, await okrs(), id, range, today())),
  };
}

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
