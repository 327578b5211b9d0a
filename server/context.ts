/**
 * What the routes share: the database, the project's settings, the clock and the collector hooks.
 * Apart from app.ts so that routes and the app that registers them do not import each other.
 */
import type { Objective } from '../config/load.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { RollupCache } from './metrics/cache.js';
import type { ExportQueue } from './report/exports.js';
import type { PdfPrinter } from './report/pdf.js';
import type { WindowLimit } from './limits.js';

export interface AppContext {
  database: DatabaseHandle;
  settings: AppSettings;
  now: () => Date;
  /** The project's day now (`dayOf(now(), settings.timezone)`, computed once a minute). */
  today: () => string;
  /** Recomputes the daily rollups (after a manual value is recorded). */
  refresh: () => Promise<unknown>;
  /** Starts a collection pass in the background; 'busy' when one is running. */
  collect: (() => Promise<'started' | 'busy'>) | null;
  /** Answers computed from the rollups, until they change. */
  cache: RollupCache;
  /** PDF exports, one at a time. */
  exports: ExportQueue;
  /** New PDF exports per client and minute. */
  exportBudget: WindowLimit;
  printPdf: PdfPrinter;
}

export interface AppSettings {
  project: string;
  timezone: string;
  okrs: readonly Objective[];
  adminToken: string | null;
  /** Where links to issues and pull requests point (github.com, or an Enterprise host). */
  githubWebUrl?: string;
  /** Setup problems /api/health reports (config/setup-warnings.ts). */
  warnings?: readonly string[];
}
