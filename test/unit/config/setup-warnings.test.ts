import { expect, test } from 'vitest';
import type { Environment } from '../../../config/env.js';
import { setupWarnings } from '../../../config/setup-warnings.js';

const env = (roots: Partial<Environment>) =>
  ({
    npmDownloadsApiUrl: null,
    pypiStatsApiUrl: null,
    dockerHubApiUrl: null,
    ...roots,
  }) as Environment;

test('a package source listed without its API root is a first-run warning naming the variable', () => {
  const packages = { npm: ['fastify'], pypi: [], docker: ['library/nginx'] };
  expect(
    setupWarnings({
      github: null,
      discord: null,
      packages,
      env: env({ dockerHubApiUrl: 'http://127.0.0.1:9' }),
    }),
  ).toEqual([
    'NPM_DOWNLOADS_API_URL is not set, so nothing is collected for packages.npm; set it in .env (README, "Package downloads") and restart.',
  ]);
  expect(setupWarnings({ github: null, discord: null, packages: null, env: env({}) })).toEqual([]);
});
