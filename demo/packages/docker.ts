/**
 * A stand-in for Docker Hub's repository endpoint, `GET /v2/namespaces/{namespace}/repositories/
 * {repository}`, with the fields of its published `repository_info` answer; `pull_count` is the
 * running total at the stand-in's clock. Unknown repositories get its `{message, errinfo}` 404;
 * a rate limit answers 429 with `retry-after` and `x-ratelimit-*` headers.
 */
import { pullCountAt, type DockerSpec, type PackageWorld } from './world.js';
import { json, type StandInLog } from './respond.js';

export interface DockerStandIn extends StandInLog {
  handle(request: Request): Promise<Response>;
}

export function createDockerStandIn(world: PackageWorld): DockerStandIn {
  const standIn: DockerStandIn = {
    requests: [],
    outage: null,
    handle: async (request) => {
      const url = new URL(request.url);
      standIn.requests.push(decodeURIComponent(url.pathname));
      if (standIn.outage) {
        const { status, retryAfter } = standIn.outage;
        return status === 429
          ? json({ message: 'rate limit exceeded', errinfo: null }, 429, {
              'retry-after': retryAfter ?? '60',
              'x-ratelimit-limit': '180',
              'x-ratelimit-remaining': '0',
            })
          : json({ message: 'internal server error', errinfo: null }, status);
      }
      const match = url.pathname.match(/\/v2\/namespaces\/([^/]+)\/repositories\/([^/]+)\/?$/);
      if (request.method !== 'GET' || !match)
        return json({ message: 'not found', errinfo: null }, 404);
      const name = `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`;
      const spec = world.docker.find((d) => d.name === name);
      if (!spec) return json({ message: 'not found', errinfo: null }, 404);
      return json(repositoryInfo(spec, world.now));
    },
  };
  return standIn;
}

function repositoryInfo(spec: DockerSpec, now: string) {
  const [namespace, name] = spec.name.split('/') as [string, string];
  return {
    user: namespace,
    name,
    namespace,
    repository_type: 'image',
    status: 1,
    status_description: 'active',
    description: `${name} server image`,
    is_private: false,
    is_automated: false,
    star_count: 40 + (spec.seed % 200),
    pull_count: pullCountAt(spec, now),
    last_updated: now,
    last_modified: now,
    date_registered: `${spec.firstDay}T09:12:00Z`,
    collaborator_count: 0,
    affiliation: null,
    hub_user: namespace,
    has_starred: false,
    full_description: `# ${name}\n\nThe ${name} server, packaged as a container image.`,
    permissions: { read: true, write: false, admin: false },
    media_types: ['application/vnd.oci.image.index.v1+json'],
    content_types: ['image'],
    categories: [],
    immutable_tags_settings: { enabled: false, rules: [] },
    storage_size: 120_000_000 + (spec.seed % 7) * 1_000_000,
  };
}
