/** Whether the config collects what a metric reads: GitHub, Discord, or a kind of package. */
import type { MetricSource } from '../server/kpi/metrics/index.js';
import type { PackagesConfig } from './packages.js';

export interface SourcesConfigured {
  github?: unknown;
  discord?: unknown;
  packages?: PackagesConfig | null;
}

/** What is missing for a metric of `source` ({what it needs, the key to add}), or null. */
export function missingSource(
  config: SourcesConfigured,
  source: MetricSource,
): { needs: string; add: string } | null {
  switch (source) {
    case 'github':
      return config.github
        ? null
        : { needs: 'GitHub data', add: 'github: { repos: [owner/name] }' };
    case 'discord':
      return config.discord ? null : { needs: 'Discord data', add: 'discord: { guildId: "…" }' };
    case 'npm':
    case 'pypi':
    case 'docker':
      return (config.packages?.[source].length ?? 0) > 0
        ? null
        : {
            needs: `${source === 'docker' ? 'Docker Hub repositories' : `${source === 'npm' ? 'npm' : 'PyPI'} packages`}`,
            add: `packages: { ${source}: [${source === 'docker' ? 'namespace/repository' : 'name'}] }`,
          };
    default:
      return null;
  }
}
