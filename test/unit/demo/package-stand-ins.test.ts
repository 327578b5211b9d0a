import { describe, expect, test } from 'vitest';
import { createNpmStandIn, resolvePeriod } from '../../../demo/packages/npm.js';
import { createPypiStandIn } from '../../../demo/packages/pypi.js';
import { createDockerStandIn } from '../../../demo/packages/docker.js';
import { createPackageWorld, pullCountAt } from '../../../demo/packages/world.js';

const world = createPackageWorld({
  now: '2026-11-01T12:00:00Z',
  npm: ['@acme/sdk'],
  pypi: ['acme-client'],
  docker: ['acme/server'],
});
const get = (handle: (r: Request) => Promise<Response>, path: string) =>
  handle(new Request(`http://stand-in${path}`));

describe('npm stand-in: ranges as npm narrows them', () => {
  test.each([
    ['2026-10-01:2026-10-31', { start: '2026-10-01', end: '2026-10-31' }],
    ['2026-10-30:2026-12-31', { start: '2026-10-30', end: '2026-10-31' }],
    ['2014-01-01:2015-02-01', { start: '2015-01-10', end: '2015-02-01' }],
    ['2014-01-03:2014-02-03', { error: 'end date > start date' }],
    ['2015-05-01:2017-08-29', { start: '2016-02-29', end: '2017-08-29' }],
    ['last-week', { start: '2026-10-25', end: '2026-10-31' }],
    ['2026-02-30:2026-03-01', { error: 'invalid date' }],
  ])('%s', (period, expected) => {
    expect(resolvePeriod(period, '2026-10-31')).toEqual(expected);
  });

  test('a range lists every day; unknown packages and bad dates get npm’s error bodies', async () => {
    const npm = createNpmStandIn(world);
    const ok = await get(npm.handle, '/downloads/range/2026-10-30:2026-10-31/@acme/sdk');
    expect(await ok.json()).toEqual({
      downloads: [
        { day: '2026-10-30', downloads: expect.any(Number) },
        { day: '2026-10-31', downloads: expect.any(Number) },
      ],
      start: '2026-10-30',
      end: '2026-10-31',
      package: '@acme/sdk',
    });
    const unknown = await get(npm.handle, '/downloads/range/last-day/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'package nope not found' });
    const old = await get(npm.handle, '/downloads/range/2014-01-03:2014-02-03/@acme/sdk');
    expect(old.status).toBe(400);
    expect(await old.json()).toEqual({ error: 'end date > start date' });
  });
});

describe('PyPI stand-in', () => {
  test('overall: 180 days at most, without mirrors when asked, names read normalized', async () => {
    const pypi = createPypiStandIn(world);
    const answer = (await (
      await get(pypi.handle, '/api/packages/Acme_Client/overall?mirrors=false')
    ).json()) as { data: { category: string; date: string }[]; package: string; type: string };
    expect(answer.package).toBe('acme-client');
    expect(answer.type).toBe('overall_downloads');
    expect(answer.data.length).toBeLessThanOrEqual(180);
    expect(answer.data.every((d) => d.category === 'without_mirrors')).toBe(true);
    expect(answer.data.at(-1)!.date).toBe('2026-10-31');
    const unknown = await get(pypi.handle, '/api/packages/nope/overall');
    expect([unknown.status, await unknown.text()]).toEqual([404, '404']);
  });

  test('more than 30 requests a minute get the 429 page', async () => {
    const pypi = createPypiStandIn(world);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await get(pypi.handle, '/api/packages/acme-client/recent')).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('Docker Hub stand-in', () => {
  test('the repository answer carries the running pull count; unknown ones a 404', async () => {
    const docker = createDockerStandIn(world);
    const body = (await (
      await get(docker.handle, '/v2/namespaces/acme/repositories/server')
    ).json()) as { pull_count: number; namespace: string; name: string };
    expect(body).toMatchObject({ namespace: 'acme', name: 'server' });
    expect(body.pull_count).toBe(pullCountAt(world.docker[0]!, world.now));
    expect(pullCountAt(world.docker[0]!, '2026-11-02T00:00:00Z')).toBeGreaterThan(body.pull_count);
    const unknown = await get(docker.handle, '/v2/namespaces/acme/repositories/none');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'not found', errinfo: null });
  });
});
