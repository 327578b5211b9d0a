/** The GitHub stand-in behind msw: collectors talk to it through the real Octokit and fetch. */
import { http } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { createGithubStandIn, type GithubStandIn } from '../../demo/github/stand-in.js';
import { createWorld, type WorldOptions } from '../../demo/github/world.js';

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
