import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createDiscordStandIn,
  createGuild,
  currentMembers,
} from '../../../demo/discord/stand-in.js';
import { createGithubStandIn, type GithubStandIn } from '../../../demo/github/stand-in.js';
import { createWorld, fullName } from '../../../demo/github/world.js';
import { serveHandler, type RunningServer } from '../../../demo/http.js';
import { collect, runCli, startCli, waitForStderr } from '../../helpers/cli.js';

describe('pulseboard collect against the GitHub stand-in over HTTP', () => {
  let standIn: GithubStandIn;
  let server: RunningServer;
  let cwd: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    standIn = createGithubStandIn(
      createWorld({ repos: 1, stars: 250, pulls: 80, issues: 90, commits: 60, seed: 3 }),
    );
    server = await serveHandler((request) => standIn.handle(request));
    cwd = mkdtempSync(join(tmpdir(), 'pulseboard-collect-'));
    env = { GITHUB_API_URL: server.url, GITHUB_TOKEN: 'test-token-not-real' };
    const init = await runCli(['init', '--repo', fullName(standIn.world.repos[0]!)], { cwd });
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await server?.close();
  });

  test('without GITHUB_TOKEN it exits 2 and says where to put one', async () => {
    const result = await runCli(['collect'], { cwd, env: { GITHUB_API_URL: server.url } });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'GITHUB_TOKEN is not set; put a token with read access to the repositories in .env (see the README).',
    );
  });

  test('--source discord without discord in the config exits 2 naming the fix', async () => {
    const result = await runCli(['collect', '--source', 'discord'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'discord is not configured; add discord: { guildId: "…" } to the config to collect from Discord.',
    );
  });

  test('a backfill logs each resource, then /api/health shows the successful run', async () => {
    const result = await runCli(['collect', '--backfill'], { cwd, env });
    expect(result.code, result.stderr).toBe(0);
    const repo = fullName(standIn.world.repos[0]!);
    expect(result.stderr).toMatch(
      new RegExp(`${repo} star history: 250 new or updated in 4 pages`),
    );
    expect(result.stderr).toContain(`${repo} pull_requests: 80 new or updated in 2 pages`);
    expect(result.stderr).toMatch(/github: done — \d+ rows, \d+ requests, \d+ GraphQL points\./);
    expect(result.stderr).not.toContain('test-token-not-real');

    const child = startCli(['start', '--no-schedule'], { cwd, env: { ...env, PORT: '0' } });
    const done = collect(child);
    const [, url] = await waitForStderr(child, /serving (http:\/\/\S+) /);
    const health = (await (await fetch(`${url}/api/health`)).json()) as {
      lastRun: { source: string; ok: boolean };
    };
    child.kill('SIGTERM');
    await done;
    expect(health.lastRun).toMatchObject({ source: 'github', ok: true });
  });
  test('two collections started at the same moment: exactly one runs, the other says so', async () => {
    // The GitHub requests wait until one of the two processes has ended: the pass that got the
    // lease surely still holds it while the other starts, is refused and exits. (If both passes
    // ran, both would wait here: the gate opens after 20 s, and the codes below then fail.)
    let oneEnded!: () => void;
    const open = new Promise<void>((resolve) => {
      oneEnded = resolve;
      setTimeout(resolve, 20_000).unref();
    });
    const gate = async () => {
      await open;
      return undefined;
    };
    standIn.interceptors.push(gate);
    try {
      const both = [runCli(['collect'], { cwd, env }), runCli(['collect'], { cwd, env })];
      const results = (await Promise.all(both.map((run) => run.finally(oneEnded)))).sort(
        (x, y) => (x.code ?? 0) - (y.code ?? 0),
      );
      expect(results.map((r) => r.code)).toEqual([0, 1]);
      // The start line (what Ctrl-C does), then the refusal in one line, and nothing else.
      expect(results[1]!.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Collecting github; Ctrl-C stops/),
        expect.stringMatching(
          /^A collection is already running \(.* pid \d+, since .*\); this one was not started\.$/,
        ),
      ]);
      expect(results[0]!.stderr).toContain('github: done');
    } finally {
      standIn.interceptors.splice(0);
    }
  }, 60_000);
});

describe('pulseboard doctor', () => {
  let standIn: GithubStandIn;
  let server: RunningServer;

  beforeAll(async () => {
    standIn = createGithubStandIn(
      createWorld({ repos: 1, stars: 20, pulls: 5, issues: 5, commits: 5, seed: 5 }),
    );
    server = await serveHandler((request) => standIn.handle(request));
  });
  afterAll(async () => {
    await server?.close();
  });

  async function doctor(
    repos: string[],
    env: Record<string, string>,
    edit?: (yaml: string) => string,
  ) {
    const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-doctor-'));
    const starter = await initialized(repos);
    for (const file of ['pulseboard.yaml', '.env'])
      copyFileSync(join(starter, file), join(cwd, file));
    if (edit)
      writeFileSync(
        join(cwd, 'pulseboard.yaml'),
        edit(readFileSync(join(cwd, 'pulseboard.yaml'), 'utf8')),
      );
    return runCli(['doctor'], { cwd, env: { GITHUB_API_URL: server.url, ...env } });
  }

  /** What `pulseboard init --repo …` writes, run once per list of repositories. */
  const starters = new Map<string, Promise<string>>();
  function initialized(repos: string[]): Promise<string> {
    const key = repos.join(' ');
    if (!starters.has(key))
      starters.set(
        key,
        (async () => {
          const cwd = mkdtempSync(join(tmpdir(), 'pulseboard-doctor-init-'));
          const init = await runCli(['init', ...repos.flatMap((r) => ['--repo', r])], { cwd });
          expect(init.code, init.stderr).toBe(0);
          return cwd;
        })(),
      );
    return starters.get(key)!;
  }

  test('a good setup: every check passes, one line each', async () => {
    const repo = fullName(standIn.world.repos[0]!);
    const result = await doctor([repo], { GITHUB_TOKEN: 'test-token-not-real' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^✓ config: .*pulseboard\.yaml: 2 objectives, 4 key results$/);
    expect(lines).toContain(
      '✓ GitHub auth: GITHUB_TOKEN (a personal access token), valid, for demo-maintainer (scopes: public_repo, read:org)',
    );
    expect(lines).toContain(`✓ repo ${repo}: readable (20 stars)`);
    expect(lines).toContain(`✓ star history ${repo}: from GitHub's star-history endpoint`);
    expect(lines).toContain(
      `✓ discussions ${repo}: on, ${standIn.world.repos[0]!.discussions.length} discussions`,
    );
    expect(lines).toContain(`✓ traffic ${repo}: views, clones and referrers archived daily`);
    expect(lines.some((l) => /^! database: sqlite .*\d+ migration\(s\) to apply/.test(l))).toBe(
      true,
    );
  });

  test('a missing token, an unknown repo, a hidden star list and a missing webhook are each named with the fix', async () => {
    const repo = fullName(standIn.world.repos[0]!);
    const noToken = await doctor([repo], {});
    expect(noToken.code).toBe(1);
    expect(noToken.stdout).toContain('✗ GitHub token: GITHUB_TOKEN is not set; put a token');
    expect(noToken.stderr.trim()).toBe(
      '1 check failed; fix it as described above and run pulseboard doctor again.',
    );

    const unknown = await doctor(['nobody/nothing'], { GITHUB_TOKEN: 't' });
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain(
      '✗ repo nobody/nothing: not found, or the token cannot see it',
    );

    standIn.world.repos[0]!.stargazersHidden = true;
    try {
      const hidden = await doctor([repo], { GITHUB_TOKEN: 't' });
      expect(hidden.code).toBe(0);
      expect(hidden.stdout).toContain(
        `✓ star history ${repo}: from GitHub's star-history endpoint`,
      );
    } finally {
      standIn.world.repos[0]!.stargazersHidden = false;
    }

    const webhook = await doctor([repo], { GITHUB_TOKEN: 't' }, (yaml) =>
      yaml.replace('slack: false', 'slack: true'),
    );
    expect(webhook.code).toBe(1);
    expect(webhook.stdout).toContain(
      '✗ slack webhook: digest.slack is true but SLACK_WEBHOOK_URL is not set',
    );
  }, 60_000);

  test('where the star-history endpoint 404s, doctor says the stargazer list is the source, or snapshots only and why', async () => {
    const repo = fullName(standIn.world.repos[0]!);
    standIn.starHistory.served = false;
    try {
      const list = await doctor([repo], { GITHUB_TOKEN: 't' });
      expect(list.stdout).toContain(
        `✓ star history ${repo}: from the stargazer list: this server has no star-history endpoint`,
      );
      standIn.world.repos[0]!.stargazersHidden = true;
      const refused = await doctor([repo], { GITHUB_TOKEN: 't' });
      expect(refused.code).toBe(0);
      expect(refused.stdout).toContain(
        `! star history ${repo}: snapshots only: this server has no star-history endpoint (older GitHub Enterprise Server), and GitHub shows the stargazer list only to admins and collaborators`,
      );
    } finally {
      standIn.world.repos[0]!.stargazersHidden = false;
      standIn.starHistory.served = true;
    }
  });

  test('without push access, doctor names the repository and the permission traffic needs', async () => {
    const repo = fullName(standIn.world.repos[0]!);
    standIn.noPushAccess.add(repo.toLowerCase());
    try {
      const refused = await doctor([repo], { GITHUB_TOKEN: 't' });
      expect(refused.code).toBe(0);
      expect(refused.stdout).toContain(
        `! traffic ${repo}: GitHub refused the traffic of ${repo} (403 "Must have push access to repository"): views and clones are not archived, and GitHub keeps only 14 days; use a token with push access to it (classic: repo scope; fine-grained: Administration read).`,
      );
    } finally {
      standIn.noPushAccess.clear();
    }
  });

  test('Discord: token, guild and member-list access, each on its line', async () => {
    const guild = createGuild({ members: 30, seed: 2 });
    const discord = createDiscordStandIn(guild);
    const discordServer = await serveHandler((request) => discord.handle(request));
    try {
      const repo = fullName(standIn.world.repos[0]!);
      const env = {
        GITHUB_TOKEN: 't',
        DISCORD_API_URL: `${discordServer.url}/api/v10`,
        DISCORD_BOT_TOKEN: 'test-bot-token-not-real',
      };
      const withGuild = (yaml: string) =>
        yaml.replace(/# discord:\n# {3}guildId: "\d+"/, `discord:\n  guildId: "${guild.guildId}"`);
      const good = await doctor([repo], env, withGuild);
      expect(good.code, good.stdout + good.stderr).toBe(0);
      expect(good.stdout).toContain('✓ Discord bot token: valid, for pulseboard-demo');
      expect(good.stdout).toContain(
        `✓ Discord guild ${guild.guildId}: InfraGenius, ${currentMembers(guild).length} members`,
      );
      expect(good.stdout).toContain('✓ Discord member list: readable');
      // The stand-in hides #moderators from the bot and #audit-log's history.
      expect(good.stdout).toContain(
        "! Discord channels: 4 of 6 text channels readable; skipped: #moderators (403 Missing Access), #audit-log (no Read Message History). To count them, give the bot's role View Channel and Read Message History there",
      );

      guild.membersIntent = false;
      const noIntent = await doctor([repo], env, withGuild);
      expect(noIntent.code).toBe(0);
      expect(noIntent.stdout).toContain(
        '! Discord member list: The bot may not list members (it needs the Server Members intent',
      );

      const wrongGuild = await doctor([repo], env, (yaml) =>
        yaml.replace(
          /# discord:\n# {3}guildId: "\d+"/,
          'discord:\n  guildId: "123456789012345678"',
        ),
      );
      expect(wrongGuild.code).toBe(1);
      expect(wrongGuild.stdout).toContain(
        '✗ Discord guild 123456789012345678: the bot is not in this server, or the id is wrong',
      );
    } finally {
      await discordServer.close();
    }
  });
});
