/** What every package source's collector is given, and the outcome it adds to. */
import type { Kysely } from 'kysely';
import { upsertDownloadDays } from '../../db/queries/packages.js';
import { saveSyncState } from '../../db/queries/sync-state.js';
import type { Database, PackageDownloadDayTable } from '../../db/schema.js';
import type { ProgressSink } from '../progress.js';
import type { PackageHttp } from './http.js';

export interface PackageContext {
  db: Kysely<Database>;
  http: PackageHttp;
  /** The source's API root, without a trailing slash. */
  baseUrl: string;
  backfill: boolean;
  now: () => Date;
  signal?: AbortSignal;
  progress: ProgressSink;
}

export interface PackageOutcome {
  rows: number;
  /** Requests this package cost (0 when what is stored is already current). */
  requests: number;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant, in UTC: the download APIs count UTC days. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

export const shiftDay = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Whether this package was read today already, successfully: a daily source changes once a day. */
export function readToday(state: { status: string; updated_at: string } | undefined, now: Date) {
  return state?.status === 'ok' && state.updated_at.slice(0, 10) === utcDay(now);
}

/** A package's read days and its sync state (cursor: the newest day stored), in one transaction. */
export async function storeDownloadDays(
  db: Kysely<Database>,
  resource: 'npm_downloads' | 'pypi_downloads',
  pkg: string,
  rows: readonly PackageDownloadDayTable[],
  latest: string | null,
  detail: string,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await upsertDownloadDays(trx, rows);
    await saveSyncState(trx, {
      resource,
      scope: pkg,
      cursor: rows.at(-1)?.day ?? latest,
      etag: null,
      status: 'ok',
      detail,
      updated_at: now.toISOString(),
    });
  });
}
