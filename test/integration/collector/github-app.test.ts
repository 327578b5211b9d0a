/**
 * Authentication as a GitHub App: the collector trades a JWT signed with the app's key for
 * installation tokens, spends the installation's own rate limit (not a personal token's), and
 * renews its token before it expires. The stand-in checks the JWT's signature with the app's
 * public key and refuses expired or unknown installation tokens, as GitHub does.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createGithubClient } from '../../../collector/github/client.js';
import { runCollection } from '../../../collector/run.js';
import { loadEnvironment } from '../../../config/env.js';
import { openTestDatabase, type OpenTestDatabase } from '../../helpers/databases.js';
import {
  GITHUB_TEST_URL,
  githubConfig,
  startGithubStandIn,
  type GithubFixture,
} from '../../helpers/github.js';

const APP_ID = 4242;
const INSTALLATION = 777;
const pem = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
const keys = pem();
const app = { appId: APP_ID, installationId: INSTALLATION, privateKey: keys.privateKey };

let fixture: GithubFixture;
let database: OpenTestDatabase;

beforeAll(async () => {
  fixture = startGithubStandIn({
    repos: 2,
    stars: 60,
    pulls: 20,
    issues: 20,
    commits: 30,
    days: 40,
  });
  fixture.standIn.apps.apps.push({
    id: APP_ID,
    publicKey: keys.publicKey,
    installations: [INSTALLATION],
  });
  database = await openTestDatabase('sqlite');
});
afterAll(async () => {
  fixture?.close();
  await database?.drop();
});
afterEach(() => vi.useRealTimers());

function passAsApp(credentials: typeof app) {
  const config = githubConfig(fixture.standIn.world);
  config.env = { ...config.env, githubToken: null, githubApp: credentials };
  return runCollection({
    db: database.db,
    config,
    sources: ['github'],
    backfill: true,
    github: { graphqlSpacingMs: 0, retryAfterBaseMs: 10 },
  });
}

test("a pass as a GitHub App spends the installation's rate limit, not a personal token's", async () => {
  const personal = fixture.standIn.rate;
  const [summary] = await passAsApp(app);
  expect(summary!.error).toBeNull();
  expect(summary!.ok).toBe(true);
  expect(fixture.standIn.apps.stats.tokensIssued).toBe(1);
  expect(fixture.standIn.apps.stats.rejected).toBe(0);
  expect(personal.core.remaining).toBe(personal.core.limit);
  expect(personal.graphql.remaining).toBe(personal.graphql.limit);
  const installation = fixture.standIn.apps.budgets.get(INSTALLATION)!;
  expect(installation.core.remaining).toBeLessThan(installation.core.limit);
  expect(installation.graphql.remaining).toBeLessThan(installation.graphql.limit);
  const stored = await database.db.selectFrom('pull_request').select('number').execute();
  expect(stored.length).toBe(fixture.standIn.world.repos.reduce((n, r) => n + r.pulls.length, 0));
});

test('a JWT signed with another key gets no token, and the pass says which settings to check', async () => {
  const issued = fixture.standIn.apps.stats.tokensIssued;
  const [summary] = await passAsApp({ ...app, privateKey: pem().privateKey });
  expect(summary!.ok).toBe(false);
  expect(summary!.error).toMatch(
    /GitHub rejected the GitHub App's credentials \(401\); check GITHUB_APP_ID/,
  );
  expect(fixture.standIn.apps.stats.tokensIssued).toBe(issued);
});

test('a long run renews its installation token before it expires; an expired one is refused', async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const client = createGithubClient({ token: null, app, baseUrl: GITHUB_TEST_URL, backfill: true });
  const repo = fixture.standIn.world.repos[0]!;
  const get = () => client.octokit.rest.repos.get({ owner: repo.owner, repo: repo.name });
  const before = fixture.standIn.apps.stats.tokensIssued;
  await get();
  const first = (await client.octokit.auth({ type: 'installation' })) as { token: string };
  // 59.5 minutes on, the token (an hour's life) still works but is about to expire: a new one.
  vi.setSystemTime(Date.now() + 59.5 * 60_000);
  await get();
  const second = (await client.octokit.auth({ type: 'installation' })) as { token: string };
  expect(second.token).not.toBe(first.token);
  expect(fixture.standIn.apps.stats.tokensIssued).toBe(before + 2);
  expect(fixture.standIn.apps.stats.rejected).toBe(0);
  // Past its hour, the first token is refused like GitHub refuses it.
  vi.setSystemTime(Date.now() + 2 * 60_000);
  const stale = await fetch(`${GITHUB_TEST_URL}/repos/${repo.owner}/${repo.name}`, {
    headers: { authorization: `token ${first.token}` },
  });
  expect(stale.status).toBe(401);
});

describe('the GitHub App settings', () => {
  const env = (extra: Record<string, string>) => () =>
    loadEnvironment({ cwd: '/nonexistent', env: extra });

  test('all three together set it; GITHUB_APP_PRIVATE_KEY may carry \\n escapes', () => {
    const oneLine = keys.privateKey.replace(/\n/g, '\\n');
    const loaded = env({
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_APP_INSTALLATION_ID: String(INSTALLATION),
      GITHUB_APP_PRIVATE_KEY: oneLine,
    })();
    expect(loaded.githubApp).toEqual(app);
  });

  test('an app id without its key or installation is one error per missing setting', () => {
    expect(env({ GITHUB_APP_ID: '12' })).toThrow(
      /GITHUB_APP_INSTALLATION_ID must be the GitHub App's number/,
    );
    expect(env({ GITHUB_APP_ID: '12' })).toThrow(
      /GITHUB_APP_PRIVATE_KEY_FILE \(or GITHUB_APP_PRIVATE_KEY\) is not set/,
    );
  });
});
