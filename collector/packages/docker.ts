/**
 * Docker Hub: `GET {root}/v2/namespaces/{namespace}/repositories/{repository}` → `pull_count`, the
 * running total of pulls. It has no history, so every pass keeps a snapshot; the daily pulls are
 * the differences between days' last snapshots (server/kpi/downloads.ts).
 */
import { insertPullSnapshot } from '../../db/queries/packages.js';
import { saveSyncState } from '../../db/queries/sync-state.js';
import type { DockerPullSnapshotTable } from '../../db/schema.js';
import { utcDay, type PackageContext, type PackageOutcome } from './context.js';

export interface DockerRepositoryJson {
  name: string;
  namespace: string;
  pull_count: number;
  star_count?: number;
  last_updated?: string | null;
}

export function toPullSnapshot(
  payload: DockerRepositoryJson,
  repository: string,
  takenAt: Date,
): DockerPullSnapshotTable {
  if (!Number.isSafeInteger(payload.pull_count) || payload.pull_count < 0)
    throw new Error(`Docker Hub gave no usable pull_count for ${repository}`);
  return {
    repository,
    taken_at: takenAt.toISOString(),
    day: utcDay(takenAt),
    pull_count: payload.pull_count,
  };
}

export async function collectDockerRepository(
  ctx: PackageContext,
  repository: string,
): Promise<PackageOutcome> {
  const [namespace, name] = repository.split('/') as [string, string];
  const url = `${ctx.baseUrl}/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(name)}`;
  const before = ctx.http.usage.requests;
  const snapshot = toPullSnapshot(
    (await ctx.http.getJson(url)) as DockerRepositoryJson,
    repository,
    ctx.now(),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await insertPullSnapshot(trx, snapshot);
    await saveSyncState(trx, {
      resource: 'docker_pulls',
      scope: repository,
      cursor: null,
      etag: null,
      status: 'ok',
      detail: `${snapshot.pull_count} pulls in all`,
      updated_at: snapshot.taken_at,
    });
  });
  ctx.progress({
    source: 'packages',
    scope: `docker ${repository}`,
    resource: 'pulls',
    items: 1,
    pages: 1,
    total: null,
    rateRemaining: null,
    done: true,
  });
  return { rows: 1, requests: ctx.http.usage.requests - before };
}
