/** The package stand-ins behind msw, and a config that points the collectors at them. */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import type { CollectionOptions } from '../../collector/run.js';
import type { PackagesConfig } from '../../config/packages.js';
import { createPackageStandIns, type PackageStandIns } from '../../demo/packages/stand-in.js';
import { createPackageWorld, type PackageWorldOptions } from '../../demo/packages/world.js';

export const NPM_TEST_URL = 'http://npm.stand-in';
export const PYPI_TEST_URL = 'http://pypi.stand-in';
export const DOCKER_TEST_URL = 'http://docker.stand-in';

export interface PackageFixture {
  standIns: PackageStandIns;
  close(): void;
}

export function startPackageStandIns(options: PackageWorldOptions): PackageFixture {
  const standIns = createPackageStandIns(createPackageWorld(options));
  const msw = setupServer(
    http.all(`${NPM_TEST_URL}/*`, ({ request }) => standIns.npm.handle(request)),
    http.all(`${PYPI_TEST_URL}/*`, ({ request }) => standIns.pypi.handle(request)),
    http.all(`${DOCKER_TEST_URL}/*`, ({ request }) => standIns.docker.handle(request)),
  );
  msw.listen({ onUnhandledRequest: 'error' });
  return { standIns, close: () => msw.close() };
}

export function packagesConfig(packages: Partial<PackagesConfig>): CollectionOptions['config'] {
  return {
    github: null,
    discord: null,
    packages: { npm: [], pypi: [], docker: [], ...packages },
    env: {
      npmDownloadsApiUrl: NPM_TEST_URL,
      pypiStatsApiUrl: PYPI_TEST_URL,
      dockerHubApiUrl: DOCKER_TEST_URL,
    } as CollectionOptions['config']['env'],
  };
}
