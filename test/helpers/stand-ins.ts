/**
 * GitHub and Discord stand-ins (and, when asked, the package stand-ins) behind one msw server (msw
 * patches fetch once per process).
 */
import { http } from 'msw';
import { setupServer } from 'msw/node';
import {
  createDiscordStandIn,
  createGuild,
  type DiscordStandIn,
  type GuildOptions,
} from '../../demo/discord/stand-in.js';
import { createGithubStandIn, type GithubStandIn } from '../../demo/github/stand-in.js';
import { createWorld, type WorldOptions } from '../../demo/github/world.js';
import { createPackageStandIns } from '../../demo/packages/stand-in.js';
import { createPackageWorld, type PackageWorldOptions } from '../../demo/packages/world.js';
import type { Kysely } from 'kysely';
import { runCollection, type CollectionOptions, type RunSummary } from '../../collector/run.js';
import type { Database } from '../../db/schema.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import { GITHUB_TEST_URL, githubConfig } from './github.js';
import { DOCKER_TEST_URL, NPM_TEST_URL, packagesConfig, PYPI_TEST_URL } from './packages.js';

export const DISCORD_TEST_ORIGIN = 'http://discord.stand-in';

export function startStandIns(
  githubOptions: WorldOptions,
  guildOptions: GuildOptions,
  packageOptions?: PackageWorldOptions,
) {
  const github: GithubStandIn = createGithubStandIn(createWorld(githubOptions));
  const discord: DiscordStandIn = createDiscordStandIn(createGuild(guildOptions));
  const packages = packageOptions && createPackageStandIns(createPackageWorld(packageOptions));
  const msw = setupServer(
    http.all(`${GITHUB_TEST_URL}/*`, ({ request }) => github.handle(request)),
    http.all(`${DISCORD_TEST_ORIGIN}/*`, ({ request }) => discord.handle(request)),
    ...(packages
      ? [
          http.all(`${NPM_TEST_URL}/*`, ({ request }) => packages.npm.handle(request)),
          http.all(`${PYPI_TEST_URL}/*`, ({ request }) => packages.pypi.handle(request)),
          http.all(`${DOCKER_TEST_URL}/*`, ({ request }) => packages.docker.handle(request)),
        ]
      : []),
  );
  msw.listen({ onUnhandledRequest: 'error' });
  return { github, discord, packages, close: () => msw.close() };
}

/** A backfill of the stand-ins (or of `sources`) into `db` through the real collectors, then the rollups. */
export async function collectStandIns(
  db: Kysely<Database>,
  standIns: ReturnType<typeof startStandIns>,
  now: Date,
  signal?: AbortSignal,
  sources?: CollectionOptions['sources'],
): Promise<RunSummary[]> {
  const base = githubConfig(standIns.github.world);
  const world = standIns.packages?.world;
  const packages =
    world &&
    packagesConfig({ npm: names(world.npm), pypi: names(world.pypi), docker: names(world.docker) });
  const summaries = await runCollection({
    db,
    config: {
      ...base,
      discord: { guildId: standIns.discord.guild.guildId, inviteCode: null },
      packages: packages?.packages,
      env: {
        ...base.env,
        ...packages?.env,
        discordBotToken: 'test-bot-token',
        discordApiUrl: `${DISCORD_TEST_ORIGIN}/api/v10`,
      },
    },
    backfill: true,
    now: () => now,
    signal,
    sources,
    github: { graphqlSpacingMs: 0 },
    packages: { pypiSpacingMs: 0 },
  });
  await refreshDailyMetrics(db, 'UTC', now);
  return summaries;
}

const names = (specs: readonly { name: string }[]) => specs.map((s) => s.name);
