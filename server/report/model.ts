/**
 * One report model for the steering committee — objectives, key results as evaluated now, and each
 * key result's metric per week or month over the period — rendered as Markdown, CSV, JSON, HTML, PDF.
 */
import type { Kysely } from 'kysely';
import type { Objective } from '../../config/load.js';
import { findMetric } from '../../config/metrics.js';
import type { Database } from '../../db/schema.js';
import { addDays, dayOf, daysBetween } from '../kpi/dates.js';
import type { Interval, Point } from '../kpi/series.js';
import { evaluateOkrs, readSeries } from '../metrics/read.js';
import type { KeyResult } from '../schemas/okrs.js';

export interface ReportKeyResult extends Omit<KeyResult, 'recent'> {
  /** The metric over the report's period, by `interval`. */
  series: Point[];
}

export interface ReportModel {
  project: string;
  generatedAt: string;
  from: string;
  to: string;
  interval: Interval;
  objectives: { objective: string; keyResults: ReportKeyResult[] }[];
}

export interface ReportSettings {
  project: string;
  timezone: string;
  okrs: readonly Objective[];
}

/** The default period: the 90 days up to today (a quarter). */
export const DEFAULT_REPORT_DAYS = 90;

export function reportRange(
  now: Date,
  timeZone: string,
  from?: string,
  to?: string,
): { from: string; to: string } {
  const end = to ?? dayOf(now, timeZone);
  return { from: from ?? addDays(end, -DEFAULT_REPORT_DAYS + 1), to: end };
}

export async function buildReport(
  db: Kysely<Database>,
  settings: ReportSettings,
  range: { from: string; to: string },
  now: Date,
): Promise<ReportModel> {
  const interval: Interval = daysBetween(range.from, range.to) <= 120 ? 'week' : 'month';
  const okrs = await evaluateOkrs(db, settings.project, settings.okrs, settings.timezone, now);
  const objectives = await Promise.all(
    okrs.objectives.map(async (o) => ({
      objective: o.objective,
      keyResults: await Promise.all(
        o.keyResults.map(async ({ recent: _recent, ...kr }) => ({
          ...kr,
          series: await readSeries(db, findMetric(kr.metric)!, 'all', range, interval),
        })),
      ),
    })),
  );
  return {
    project: settings.project,
    generatedAt: okrs.generatedAt,
    ...range,
    interval,
    objectives,
  };
}
