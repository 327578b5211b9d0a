/** The three package stand-ins over one package world, for the demo and the tests. */
import { createDockerStandIn } from './docker.js';
import { createNpmStandIn } from './npm.js';
import { createPypiStandIn } from './pypi.js';
import type { PackageWorld } from './world.js';

export function createPackageStandIns(world: PackageWorld) {
  return {
    world,
    npm: createNpmStandIn(world),
    pypi: createPypiStandIn(world),
    docker: createDockerStandIn(world),
  };
}

export type PackageStandIns = ReturnType<typeof createPackageStandIns>;
