/** `collect --source packages` and `doctor` against the package stand-ins over HTTP. */
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { createPackageStandIns, type PackageStandIns } from '../../../demo/packages/stand-in.js';
import { createPackageWorld } from '../../../demo/packages/world.js';
import { runCli } from '../../helpers/cli.js';

describe('package downloads from the command line', () => {
  let standIns: PackageStandIns;
  let servers: RunningServer[];
  let cwd: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    standIns = createPackageStandIns(
      createPackageWorld({
        now: new Date().toISOString(),
        npm: ['@acme/sdk'],
        pypi: ['acme-client'],
        docker: ['acme/server'],
      }),
    );
    servers = await Promise.all(
      [standIns.npm, standIns.pypi, standIns.docker].map((s) =>
        serveHandler((request) => s.handle(request)),
      ),
    );
    cwd = mkdtempSync(join(tmpdir(), 'pulseboard-packages-'));
    env = {
      NPM_DOWNLOADS_API_URL: servers[0]!.url,
      PYPI_STATS_API_URL: servers[1]!.url,
      DOCKER_HUB_API_URL: servers[2]!.url,
      PULSEBOARD_DB: join(cwd, 'pulseboard.db'),
    };
    expect((await runCli(['init', '--repo', 'acme/core'], { cwd })).code).toBe(0);
  });
  afterAll(async () => {
    await Promise.all(servers?.map((s) => s.close()) ?? []);
  });

  test('--source packages without packages in the config exits 2 naming the fix', async () => {
    const result = await runCli(['collect', '--source', 'packages'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'packages is not configured; add packages: { npm: [name] } (or pypi:, docker:) to the config to count downloads.',
    );
  });

  test('collect --source packages stores every source; doctor prints a line per source', async () => {
    appendFileSync(
      join(cwd, 'pulseboard.yaml'),
      'packages:\n  npm: ["@acme/sdk"]\n  pypi: [acme-client]\n  docker: [acme/server]\n',
    );
    const result = await runCli(['collect', '--source', 'packages'], { cwd, env });
    expect(result.code, result.stderr).toBe(0);
    // 1100 days of history: three ranges with downloads and one without, which ends the walk.
    expect(result.stderr).toContain('npm @acme/sdk downloads: 1100 new or updated in 4 pages.');
    expect(result.stderr).toContain('pypi acme-client downloads: 180 new or updated in 1 page.');
    expect(result.stderr).toContain('docker acme/server pulls: 1 new or updated in 1 page.');
    expect(result.stderr).toContain('packages: done — 1281 rows, 6 requests, 0 GraphQL points.');

    const doctor = await runCli(['doctor'], { cwd, env: { ...env, GITHUB_TOKEN: '' } });
    const lines = doctor.stdout.split('\n');
    expect(lines.some((l) => /^✓ npm downloads: @acme\/sdk \([\d,]+ on the last/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /^✓ pypi downloads: acme-client \(/.test(l))).toBe(true);
    expect(
      lines.some((l) => /^✓ docker downloads: acme\/server \([\d,]+ pulls in all\)$/.test(l)),
    ).toBe(true);
  });
});
