/**
 * What `pulseboard doctor` asks the package sources: one cheap request per package (npm's last
 * day, PyPI's last day, the Docker Hub repository), summed up in one line per source.
 */
import type { Environment } from '../../config/env.js';
import type { PackagesConfig } from '../../config/packages.js';
import type { Check } from '../github/doctor.js';
import {
  describePackageError,
  missingUrl,
  PACKAGE_SOURCES,
  type PackageSourceKey,
} from './collect.js';
import { createPackageHttp, PackageApiError, type PackageHttpOptions } from './http.js';
import { encodePackage } from './npm.js';
import { normalizeProject } from './pypi.js';

const PROBE: Record<PackageSourceKey, (root: string, name: string) => string> = {
  npm: (root, name) => `${root}/downloads/point/last-day/${encodePackage(name)}`,
  pypi: (root, name) =>
    `${root}/api/packages/${encodeURIComponent(normalizeProject(name))}/recent?period=day`,
  docker: (root, name) => {
    const [namespace, repository] = name.split('/') as [string, string];
    return `${root}/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(repository)}`;
  },
};

/** What each answer says, for the line: yesterday's downloads, or the pulls in all. */
const READ: Record<PackageSourceKey, (body: unknown) => string> = {
  npm: (body) => `${count((body as { downloads?: unknown }).downloads)} on the last counted day`,
  pypi: (body) =>
    `${count((body as { data?: { last_day?: unknown } }).data?.last_day)} on the last counted day`,
  docker: (body) => `${count((body as { pull_count?: unknown }).pull_count)} pulls in all`,
};

const count = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : '?');

export async function checkPackages(
  packages: PackagesConfig,
  env: Pick<Environment, 'npmDownloadsApiUrl' | 'pypiStatsApiUrl' | 'dockerHubApiUrl'>,
  http: Omit<PackageHttpOptions, 'signal'> = { retries: 0, timeoutMs: 15_000 },
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const key of Object.keys(PACKAGE_SOURCES) as PackageSourceKey[]) {
    const names = packages[key];
    if (names.length === 0) continue;
    const what = `${key} downloads`;
    const root = PACKAGE_SOURCES[key].url(env);
    if (!root) {
      checks.push({ status: 'fail', what, detail: missingUrl(key) });
      continue;
    }
    checks.push(await checkSource(key, names, root, createPackageHttp(http)));
  }
  return checks;
}

async function checkSource(
  key: PackageSourceKey,
  names: readonly string[],
  root: string,
  http: ReturnType<typeof createPackageHttp>,
): Promise<Check> {
  const seen: string[] = [];
  const what = `${key} downloads`;
  for (const name of names) {
    try {
      seen.push(`${name} (${READ[key](await http.getJson(PROBE[key](root, name)))})`);
    } catch (error) {
      const line = describePackageError(key, name, error);
      const unknown = error instanceof PackageApiError && error.status === 404;
      // An unknown name is the config's fault; an API having a bad moment only a warning.
      return { status: unknown ? 'fail' : 'warn', what, detail: line };
    }
  }
  return { status: 'ok', what, detail: seen.join(', ') };
}
