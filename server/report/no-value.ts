/**
 * Why a metric or key result has no value, in a digest or a report: the dashboard's own words
 * (`noValueText` in shared/format.ts), decided by whether the metric's source has collected yet.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findMetric } from '../kpi/metrics/index.js';
import { collectionSourceOf, historyFromText, noValueText } from '../../shared/format.js';
import { historySinceText } from './text.js';

/** The sources (github, discord, packages) with at least one finished, successful pass. */
export async function findCollectedSources(db: Kysely<Database>): Promise<ReadonlySet<string>> {
  const rows = await db
    .selectFrom('collection_run')
    .select('source')
    .where('ok', '=', 1)
    .where('finished_at', 'is not', null)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.source));
}

/**
 * Why `metricId` has no value as of `asOf`: its history starts later ("history from Apr 3", with
 * the year when not `asOf`'s or `withYear`, as a report always writes it), or the dashboard's
 * reason (not collected yet, first daily figure tomorrow, nothing recorded).
 */
export function whyNoValue(
  metricId: string,
  collected: ReadonlySet<string>,
  history: { first: string | null; asOf: string; withYear?: boolean },
): string {
  if (history.first !== null && history.first > history.asOf) {
    const since = history.withYear
      ? historySinceText(history.first)
      : historyFromText(history.first, history.asOf);
    return `No value on ${history.asOf}: ${since}`;
  }
  const metric = findMetric(metricId);
  return noValueText(
    { id: metricId, fromReadings: metric?.fromReadings ?? false },
    collected.has(collectionSourceOf(metricId)),
  );
}

/** Each metric's first day with a value (scope `all`). */
export async function findFirstDays(db: Kysely<Database>): Promise<ReadonlyMap<string, string>> {
  const rows = await db
    .selectFrom('daily_metric')
    .select(({ fn }) => ['metric', fn.min('day').as('first')])
    .where('scope', '=', 'all')
    .where('value', 'is not', null)
    .groupBy('metric')
    .execute();
  return new Map(rows.map((r) => [r.metric, String(r.first)]));
}
