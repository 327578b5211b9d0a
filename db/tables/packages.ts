/** Package downloads (npm, PyPI) and Docker Hub pulls. */

export type PackageSource = 'npm' | 'pypi';

/** Downloads on one UTC day, as npm's download counts or PyPI's download stats report them. */
export interface PackageDownloadDayTable {
  source: PackageSource;
  package: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
  downloads: number;
}

/** Docker Hub's running total of pulls (`pull_count`), as seen by one pass. */
export interface DockerPullSnapshotTable {
  /** namespace/repository */
  repository: string;
  taken_at: string;
  /** UTC day of `taken_at`. */
  day: string;
  pull_count: number;
}
