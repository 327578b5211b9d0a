/** The package stand-ins on loopback for `pulseboard demo`, and the environment pointing at them. */
import { PACKAGE_API_ENV } from '../../config/env.js';
import { serveHandler } from '../http.js';
import { createPackageStandIns } from './stand-in.js';
import { createPackageWorld } from './world.js';

/** The demo project's packages: an npm package and its SDK, a Python client, a server image. */
export const DEMO_PACKAGES = {
  npm: ['infragenius', '@infragenius/sdk'],
  pypi: ['infragenius'],
  docker: ['infragenius/infragenius'],
};

export async function servePackageStandIns(now: string) {
  const world = createPackageWorld({ now, ...DEMO_PACKAGES, days: 1100 });
  const standIns = createPackageStandIns(world);
  const [npm, pypi, docker] = await Promise.all(
    [standIns.npm, standIns.pypi, standIns.docker].map((s) =>
      serveHandler((request) => s.handle(request)),
    ),
  );
  return {
    env: {
      [PACKAGE_API_ENV.npm]: npm!.url,
      [PACKAGE_API_ENV.pypi]: pypi!.url,
      [PACKAGE_API_ENV.docker]: docker!.url,
    },
    /** Moves the stand-ins' clock: a new day's counts appear, the pull counter climbs. */
    advance: (at: number) => {
      world.now = new Date(at).toISOString();
    },
    close: async () => {
      await Promise.all([npm!.close(), pypi!.close(), docker!.close()]);
    },
  };
}
