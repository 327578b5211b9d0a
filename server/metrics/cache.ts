/**
 * API answers computed from the rollups, kept until the rollups change. The rollups change only when
 * a refresh stamps a new version (after a collection pass or a manual value, in any process). The
 * version is read at most once a second, so an answer is at most a second behind a refresh and a
 * busy dashboard costs the database almost nothing.
 */
import type { Kysely } from 'kysely';
import { findRollupVersion } from '../../db/queries/metrics.js';
import type { Database } from '../../db/schema.js';

const MAX_ENTRIES = 500;
export const VERSION_CHECK_MS = 1000;

export class RollupCache {
  private version: string | null | undefined = undefined;
  private readonly entries = new Map<string, Promise<unknown>>();
  /** The entries whose computation has finished, by value: what `peek` answers from. */
  private readonly settled = new Map<string, unknown>();
  private checked: {
    at: number;
    version: Promise<string | null>;
    /** The version read, once the read has finished. */
    read?: { version: string | null };
  } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: () => number = Date.now,
  ) {}

  private currentVersion(): Promise<string | null> {
    const now = this.clock();
    if (!this.checked || now - this.checked.at >= VERSION_CHECK_MS) {
      const checked: NonNullable<typeof this.checked> = {
        at: now,
        version: findRollupVersion(this.db),
      };
      this.checked = checked;
      checked.version.then(
        (version) => (checked.read = { version }),
        () => {
          if (this.checked === checked) this.checked = null;
        },
      );
    }
    return this.checked.version;
  }

  /**
   * The finished answer under `key` when `get` would return it without reading anything (the
   * version was read within the second and is the one the answer is for), else undefined: the
   * ready answers' path without a promise per request.
   */
  peek<T>(key: string): T | undefined {
    const checked = this.checked;
    if (!checked?.read || checked.read.version !== this.version) return undefined;
    if (this.clock() - checked.at >= VERSION_CHECK_MS) return undefined;
    return this.settled.get(key) as T | undefined;
  }

  private clear(): void {
    this.entries.clear();
    this.settled.clear();
  }

  /** Forget the version read, so the next request reads it again (after a refresh in this process). */
  invalidate(): void {
    this.checked = null;
  }

  /** `compute` is handed the rollup version the answer is for (ready answers tag themselves with it). */
  async get<T>(key: string, compute: (version: string | null) => Promise<T>): Promise<T> {
    const version = await this.currentVersion();
    if (version !== this.version) {
      this.clear();
      this.version = version;
    }
    let entry = this.entries.get(key) as Promise<T> | undefined;
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) this.clear();
      const computing = compute(version);
      entry = computing;
      this.entries.set(key, computing);
      computing.then(
        (value) => {
          if (this.entries.get(key) === computing) this.settled.set(key, value);
        },
        // A failed computation is not remembered.
        () => {
          if (this.entries.get(key) === computing) this.entries.delete(key);
        },
      );
    }
    return entry;
  }
}
