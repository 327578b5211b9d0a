/**
 * `packages:` in pulseboard.yaml: the npm packages, PyPI projects and Docker Hub repositories whose
 * downloads are counted. Names are checked against each registry's own naming rules, so a typo is
 * a config error naming the entry rather than a 404 at every collection.
 */
import { z } from 'zod';

/** npm: lower-case, URL-safe, at most 214 characters; scoped as @scope/name. */
export const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/** PyPI (PEP 508 names): letters, digits, ".", "_", "-", starting and ending with a letter or digit. */
export const PYPI_NAME = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;
/** Docker Hub: namespace/repository (official images live in the `library` namespace). */
export const DOCKER_REPO = /^[a-z0-9]+(?:[._-][a-z0-9]+)*\/[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

const list = <T extends z.ZodType>(item: T, example: string) =>
  z
    .array(item, { error: `must be a list, e.g. ${example}` })
    .refine((names) => new Set(names as unknown[]).size === names.length, {
      error: 'lists a name twice; keep one',
    })
    .default([]);

export const packagesSchema = z
  .strictObject({
    npm: list(
      z
        .string({ error: 'must be an npm package name, e.g. fastify or @slack/client' })
        .max(214, { error: 'must be at most 214 characters (npm’s limit)' })
        .regex(NPM_NAME, {
          error:
            'must be an npm package name as npm shows it (lower case), e.g. fastify or @slack/client',
        }),
      'npm: [fastify, "@slack/client"]',
    ),
    pypi: list(
      z.string({ error: 'must be a PyPI project name, e.g. requests' }).regex(PYPI_NAME, {
        error:
          'must be a PyPI project name (letters, digits, ".", "_" or "-"), e.g. requests or zope.interface',
      }),
      'pypi: [requests]',
    ),
    docker: list(
      z.string({ error: 'must be namespace/repository, e.g. grafana/grafana' }).regex(DOCKER_REPO, {
        error:
          'must be a Docker Hub namespace/repository in lower case, e.g. grafana/grafana, or library/nginx for an official image',
      }),
      'docker: [grafana/grafana]',
    ),
  })
  .refine((p) => p.npm.length + p.pypi.length + p.docker.length > 0, {
    error:
      'lists no package; add npm: [name], pypi: [name] or docker: [namespace/repository], or remove packages:',
  });

export type PackagesConfig = z.output<typeof packagesSchema>;
