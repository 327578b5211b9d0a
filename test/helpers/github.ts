/** The GitHub stand-in behind msw: collectors talk to it through the real Octokit and fetch. */
import { http } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { createGithubStandIn, type GithubStandIn } from '../../demo/github/stand-in.js';
import { createWorld, fullName, type World, type WorldOptions } from '../../demo/github/world.js';
import type { Kysely } from 'kysely';
import { runCollection, type CollectionOptions, type RunSummary } from '../../collector/run.js';
import type { Database } from '../../db/schema.js';

export const GITHUB_TEST_URL = 'http://github.stand-in';

export interface GithubFixture {
  standIn: GithubStandIn;
  msw: SetupServer;
  close(): void;
}

export function startGithubStandIn(options: WorldOptions = {}): GithubFixture {
  const standIn = createGithubStandIn(createWorld(options));
  const msw = setupServer(
    http.all(`${GITHUB_TEST_URL}/*`, ({ request }) => standIn.handle(request)),
  );
  msw.listen({ onUnhandledRequest: 'error' });
  return { standIn, msw, close: () => msw.close() };
}

/** A config that tracks every repo of the stand-in's world (tests pass `extra` to vary it). */
export function githubConfig(
  world: World,
  extra: Partial<NonNullable<CollectionOptions['config']['github']>> = {},
): CollectionOptions['config'] {
  return {
    github: {
      repos: world.repos.map(fullName),
      orgs: [],
      bots: [],
      includeForks: false,
      includeArchived: false,
      ...extra,
    },
    discord: null,
    env: {
      githubToken: 'test-token-not-real',
      githubApiUrl: GITHUB_TEST_URL,
    } as CollectionOptions['config']['env'],
  };
}

/** One GitHub pass against the stand-in, with the waits shortened. */
export async function collectGithubOnce(
  db: Kysely<Database>,
  fixture: GithubFixture,
  extra: Partial<CollectionOptions> = {},
): Promise<RunSummary> {
  const [summary] = await runCollection({
    db,
    config: githubConfig(fixture.standIn.world),
    github: { graphqlSpacingMs: 0, retryAfterBaseMs: 10 },
    ...extra,
  });
  return summary!;
}
