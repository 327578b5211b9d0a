import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkPackages } from '../../../collector/packages/doctor.js';
import { dailyCount, pullCountAt } from '../../../demo/packages/world.js';
import {
  DOCKER_TEST_URL,
  NPM_TEST_URL,
  PYPI_TEST_URL,
  startPackageStandIns,
  type PackageFixture,
} from '../../helpers/packages.js';

let fixture: PackageFixture;
const env = {
  npmDownloadsApiUrl: NPM_TEST_URL,
  pypiStatsApiUrl: PYPI_TEST_URL,
  dockerHubApiUrl: DOCKER_TEST_URL,
};

beforeAll(() => {
  fixture = startPackageStandIns({
    now: '2026-11-01T12:00:00Z',
    npm: ['@acme/sdk'],
    pypi: ['acme-client'],
    docker: ['acme/server'],
  });
});
afterAll(() => fixture?.close());

test('one line per package source, with what each says now', async () => {
  const { world } = fixture.standIns;
  const checks = await checkPackages(
    { npm: ['@acme/sdk'], pypi: ['Acme_Client'], docker: ['acme/server'] },
    env,
  );
  const n = (v: number) => v.toLocaleString('en-US');
  expect(checks).toEqual([
    {
      status: 'ok',
      what: 'npm downloads',
      detail: `@acme/sdk (${n(dailyCount(world.npm[0]!, '2026-10-31'))} on the last counted day)`,
    },
    {
      status: 'ok',
      what: 'pypi downloads',
      detail: `Acme_Client (${n(dailyCount(world.pypi[0]!, '2026-10-31'))} on the last counted day)`,
    },
    {
      status: 'ok',
      what: 'docker downloads',
      detail: `acme/server (${n(pullCountAt(world.docker[0]!, world.now))} pulls in all)`,
    },
  ]);
});

test('an unknown name fails, an API down warns, an unset root fails naming its variable', async () => {
  fixture.standIns.docker.outage = { status: 503 };
  try {
    const checks = await checkPackages(
      { npm: ['@acme/sdk', 'nope'], pypi: ['acme-client'], docker: ['acme/server'] },
      { ...env, pypiStatsApiUrl: null },
    );
    expect(checks).toEqual([
      {
        status: 'fail',
        what: 'npm downloads',
        detail:
          'npm knows no package "nope" (404); fix its name in packages.npm (scoped packages are written @scope/name).',
      },
      {
        status: 'fail',
        what: 'pypi downloads',
        detail: expect.stringMatching(/^PYPI_STATS_API_URL is not set/),
      },
      {
        status: 'warn',
        what: 'docker downloads',
        detail: 'Docker Hub’s API answered 503 for acme/server; the next pass tries again.',
      },
    ]);
  } finally {
    fixture.standIns.docker.outage = null;
  }
});
