import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadEnvironment } from '../../../config/env.js';
import { ConfigError } from '../../../config/errors.js';
import { configJsonSchema } from '../../../config/json-schema.js';
import { loadConfig, parseConfigText } from '../../../config/load.js';
import { renderStarterConfig } from '../../../config/starter.js';

const EXAMPLE = readFileSync(new URL('../../../examples/pulseboard.yaml', import.meta.url), 'utf8');

/** The lines a bad config is rejected with. */
function errorsOf(text: string): string[] {
  try {
    parseConfigText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).lines];
  }
  throw new Error('the config was accepted');
}

const base = (rest: string) => `project: Demo\ngithub: { repos: [acme/core] }\n${rest}`;
const kr = (fields: string) =>
  base(
    `okrs:\n  - objective: Grow\n    period: { start: 2026-01-01, end: 2026-12-31 }\n    keyResults:\n      - { ${fields} }\n`,
  );

describe('malformed configs are each rejected with their own message', () => {
  test.each([
    [
      'unknown top-level key',
      base('schedul: { collect: "0 * * * *" }\n'),
      'pulseboard.yaml:3:1: schedul: unknown key',
      'did you mean "schedule"?',
    ],
    [
      'unknown key in a key result',
      kr('id: s, metric: github.stars, target: 10, traget: 3'),
      'okrs[0].keyResults[0].traget: unknown key',
      'did you mean "target"?',
    ],
    [
      'impossible date',
      base(
        'okrs:\n  - objective: G\n    period: { start: 2026-02-30, end: 2026-12-31 }\n    keyResults: [{ id: s, metric: github.stars, target: 9 }]\n',
      ),
      'okrs[0].period.start: must be a real date written YYYY-MM-DD',
      '',
    ],
    [
      'period ending before it starts',
      base(
        'okrs:\n  - objective: G\n    period: { start: 2026-12-31, end: 2026-01-01 }\n    keyResults: [{ id: s, metric: github.stars, target: 9 }]\n',
      ),
      'okrs[0].period.end: must end after it starts',
      '',
    ],
    [
      'unknown metric id',
      kr('id: s, metric: github.star, target: 10'),
      'okrs[0].keyResults[0].metric: unknown metric "github.star"',
      'did you mean "github.stars"?',
    ],
    [
      'manual metric with a bad name',
      kr('id: s, metric: manual.Revenue!, target: 10'),
      'okrs[0].keyResults[0].metric: unknown metric "manual.Revenue!"',
      'manual.<name>',
    ],
    [
      'target below the baseline',
      kr('id: s, metric: github.stars, target: 100, baseline: 500'),
      'okrs[0].keyResults[0].target: 100 is not above the baseline 500',
      'direction: at_most',
    ],
    [
      'at_most target above the baseline',
      kr('id: m, metric: github.prs.merge_time.p50, target: 200, baseline: 100'),
      'okrs[0].keyResults[0].target: 200 is not below the baseline 100',
      '',
    ],
    [
      'target that is not a number',
      kr('id: s, metric: github.stars, target: "ten thousand"'),
      'okrs[0].keyResults[0].target: must be a number',
      'target: 10000',
    ],
    [
      'missing target',
      kr('id: s, metric: github.stars'),
      'okrs[0].keyResults[0].target: is missing; add it',
      '',
    ],
    [
      'github section with no repos',
      'project: X\ngithub: { bots: [x] }\n',
      'github: lists no repository',
      'repos: [owner/name]',
    ],
    [
      'no source at all',
      'project: X\n',
      'github: is missing and so are discord and packages',
      'packages: { npm: [name] }',
    ],
    [
      'npm name in upper case',
      'project: X\npackages: { npm: [Express] }\n',
      'packages.npm[0]: must be an npm package name as npm shows it (lower case)',
      '@slack/client',
    ],
    [
      'scope without a name',
      'project: X\npackages: { npm: ["@infragenius"] }\n',
      'packages.npm[0]: must be an npm package name',
      '',
    ],
    [
      'PyPI name with a space',
      'project: X\npackages: { pypi: ["infra genius"] }\n',
      'packages.pypi[0]: must be a PyPI project name',
      'zope.interface',
    ],
    [
      'Docker repository without a namespace',
      'project: X\npackages: { docker: [nginx] }\n',
      'packages.docker[0]: must be a Docker Hub namespace/repository',
      'library/nginx',
    ],
    [
      'a package listed twice',
      'project: X\npackages: { npm: [fastify, fastify] }\n',
      'packages.npm: lists a name twice',
      '',
    ],
    [
      'packages with nothing listed',
      'project: X\npackages: { npm: [] }\n',
      'packages: lists no package',
      'docker: [namespace/repository]',
    ],
    [
      'a download metric without its packages',
      kr('id: dl, metric: npm.downloads, target: 10000'),
      'okrs[0].keyResults[0].metric: "npm.downloads" needs npm packages; add packages: { npm: [name] }',
      '',
    ],
    [
      'unknown package source',
      'project: X\npackages: { cargo: [serde] }\n',
      'packages.cargo: unknown key',
      'npm, pypi, docker',
    ],
    [
      'bad repo name',
      'project: X\ngithub: { repos: [just-a-name] }\n',
      'github.repos[0]: must be owner/name',
      '',
    ],
    [
      'bad cron expression',
      base('schedule: { collect: "61 * * * *" }\n'),
      'schedule.collect: is not a valid cron expression',
      'minute',
    ],
    [
      'cron with too few fields',
      base('schedule: { digest: "every monday" }\n'),
      'schedule.digest: is not a valid cron expression',
      '"0 9 * * MON"',
    ],
    [
      'unquoted Discord id',
      'project: X\ndiscord: { guildId: 123456789012345678 }\n',
      'discord.guildId: must be the server id in quotes',
      'loses digits',
    ],
    [
      'unknown time zone',
      base('timezone: Mars/Olympus\n'),
      'timezone: unknown time zone "Mars/Olympus"',
      'Europe/Berlin',
    ],
    [
      'duplicate key result id',
      base(
        'okrs:\n  - objective: G\n    keyResults:\n      - { id: s, metric: github.stars, target: 9 }\n      - { id: s, metric: github.forks, target: 9 }\n',
      ),
      'okrs[0].keyResults[1].id: "s" is already used by okrs[0].keyResults[0]',
      '',
    ],
    [
      'Discord metric without discord',
      kr('id: d, metric: discord.members, target: 10'),
      'okrs[0].keyResults[0].metric: "discord.members" needs Discord data',
      'guildId',
    ],
    [
      'bad direction',
      kr('id: s, metric: github.stars, target: 10, direction: up'),
      'okrs[0].keyResults[0].direction: must be at_least',
      'at_most',
    ],
    [
      'objective without key results',
      base('okrs:\n  - objective: G\n    keyResults: []\n'),
      'okrs[0].keyResults: must list at least one key result',
      '',
    ],
    [
      'missing project',
      'github: { repos: [a/b] }\n',
      'pulseboard.yaml:1:1: project: is missing',
      'project: InfraGenius',
    ],
    [
      'duplicate YAML key',
      'project: X\nproject: Y\ngithub: { repos: [a/b] }\n',
      'pulseboard.yaml:2:1: YAML syntax error: a key appears twice',
      '',
    ],
    ['broken YAML', 'project: X\ngithub: { repos: [a/b\n', 'YAML syntax error', ''],
    [
      'deadline before the period starts',
      kr('id: s, metric: github.stars, target: 10, deadline: 2025-06-01'),
      'okrs[0].keyResults[0].deadline: 2025-06-01 is not after the objective',
      '',
    ],
    [
      'unit on a collected metric',
      kr('id: s, metric: github.stars, target: 10, unit: USD'),
      'okrs[0].keyResults[0].unit: is only for manual.* metrics',
      '',
    ],
    ...[
      'pulse.example.org',
      'ftp://pulse.example.org',
      'https://pulse.example.org/?team=a',
      'https://pulse.example.org/#overview',
      'https://admin:secret@pulse.example.org',
      '42',
    ].map((url) => [
      `dashboard address ${url}`,
      base(`dashboardUrl: ${url}\n`),
      'pulseboard.yaml:3:15: dashboardUrl: must be the address people open the dashboard at, an http(s) URL',
      'e.g. dashboardUrl: https://pulse.example.org; fix it or remove the line.',
    ]),
  ])('%s', (_name, text, expected, hint) => {
    const lines = errorsOf(text);
    const line = lines.find((l) => l.includes(expected));
    expect(line, lines.join('\n')).toBeDefined();
    expect(line).toContain(hint);
    for (const l of lines) expect(l.split('\n')).toHaveLength(1);
  });

  test('every problem is reported at once, each on its own line', () => {
    const lines = errorsOf(
      'project: X\ntimezone: Nowhere/Here\ngithub: { repos: [a/b] }\nschedule: { collect: "nope" }\n',
    );
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pulseboard\.yaml:2:11: timezone:/);
    expect(lines[1]).toMatch(/^pulseboard\.yaml:4:22: schedule\.collect:/);
  });
});

describe('valid configs', () => {
  test('the shipped example loads with the design OKRs, defaults filled in', () => {
    const config = parseConfigText(EXAMPLE);
    expect(config.project).toBe('InfraGenius');
    expect(config.okrs.flatMap((o) => o.keyResults.map((k) => `${k.id}:${k.target}`))).toEqual([
      'stars:10000',
      'discord:5000',
      'contributors:200',
      'external:50',
      'merge-time:168',
      'response:24',
      'arr:250000',
    ]);
    expect(config.github?.includeForks).toBe(false);
    expect(config.dashboardUrl).toBe('https://pulse.example.org');
  });

  test.each([
    ['https://pulse.example.org/', 'https://pulse.example.org'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['https://example.org/pulse//', 'https://example.org/pulse'],
    ['https://Example.ORG/my board', 'https://example.org/my%20board'],
  ])('dashboardUrl %s is kept as %s, ready for paths to be appended', (url, kept) => {
    expect(parseConfigText(base(`dashboardUrl: ${url}\n`)).dashboardUrl).toBe(kept);
  });

  test('key results get label, unit, dates, and a direction from the metric when none is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-config-'));
    writeFileSync(
      join(dir, 'pulseboard.yaml'),
      base(
        'okrs:\n  - objective: Grow\n    period: { start: 2026-01-01, end: 2026-12-31 }\n    keyResults:\n' +
          '      - { id: stars, metric: github.stars, target: 100 }\n' +
          '      - { id: merge, metric: github.prs.merge_time.p50, target: 168, deadline: 2026-06-30 }\n' +
          '  - objective: Standing\n    keyResults:\n      - { id: arr, metric: manual.arr, target: 5, unit: USD }\n',
      ),
    );
    const config = loadConfig({ cwd: dir, env: {} });
    const [stars, merge] = config.okrs[0]!.keyResults;
    expect(stars).toMatchObject({
      label: 'GitHub stars',
      unit: 'count',
      direction: 'at_least',
      start: '2026-01-01',
      deadline: '2026-12-31',
      baseline: null,
    });
    expect(merge).toMatchObject({ unit: 'hours', direction: 'at_most', deadline: '2026-06-30' });
    expect(config.okrs[1]!.keyResults[0]).toMatchObject({
      unit: 'USD',
      start: null,
      deadline: null,
    });
    expect(config.schedule).toEqual({
      collect: '17 * * * *',
      digest: '0 9 * * MON',
      leaseSeconds: 60,
    });
    expect(Object.isFrozen(config.okrs[0]!.keyResults[0])).toBe(true);
    expect(() => {
      (config as { project: string }).project = 'changed';
    }).toThrow(TypeError);
  });

  test.each([2024, 2026])('the starter written by init is valid (%i)', (year) => {
    for (const guildId of [null, '123456789012345678']) {
      const config = parseConfigText(
        renderStarterConfig({ project: 'My "app"', repos: ['a/b'], guildId, year }),
      );
      expect(config.project).toBe('My "app"');
      expect(config.discord?.guildId ?? null).toBe(guildId);
    }
  });

  test('packages alone are something to collect; valid names of each registry pass', () => {
    const config = parseConfigText(
      'project: X\npackages:\n  npm: [fastify, "@slack/client", lodash.merge]\n  pypi: [requests, zope.interface, Flask_Login]\n  docker: [library/nginx, grafana/grafana-oss]\n',
    );
    expect(config.packages).toEqual({
      npm: ['fastify', '@slack/client', 'lodash.merge'],
      pypi: ['requests', 'zope.interface', 'Flask_Login'],
      docker: ['library/nginx', 'grafana/grafana-oss'],
    });
    expect(parseConfigText('project: X\npackages: { pypi: [requests] }\n').packages).toEqual({
      npm: [],
      pypi: ['requests'],
      docker: [],
    });
  });

  test('a package API root must be a URL, and is unset by default', () => {
    expect(loadEnvironment({ env: {} }).npmDownloadsApiUrl).toBeNull();
    expect(
      loadEnvironment({ env: { PYPI_STATS_API_URL: 'http://127.0.0.1:9/stats/' } }).pypiStatsApiUrl,
    ).toBe('http://127.0.0.1:9/stats');
    expect(() => loadEnvironment({ env: { DOCKER_HUB_API_URL: 'hub' } })).toThrow(
      'DOCKER_HUB_API_URL must be an http(s) URL such as https://stats.example.com; fix it in the environment or .env.',
    );
  });

  test('a missing file says how to create one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-config-'));
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(/pulseboard init.*npm run demo/);
  });
});

describe('environment', () => {
  test('defaults', () => {
    const env = loadEnvironment({ cwd: '/srv/pb', env: {} });
    expect(env).toMatchObject({
      githubToken: null,
      githubApiUrl: 'https://api.github.com',
      discordApiUrl: 'https://discord.com/api/v10',
      database: { kind: 'sqlite', path: '/srv/pb/data/pulseboard.db' },
      port: 3000,
      host: '127.0.0.1',
    });
  });

  test('.env is read, and the real environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulseboard-env-'));
    writeFileSync(
      join(dir, '.env'),
      'GITHUB_TOKEN=from-file\nPORT=4000\nPULSEBOARD_DB=postgres://u@h/db\n',
    );
    const env = loadEnvironment({ cwd: dir, env: { PORT: '5000' } });
    expect(env.githubToken).toBe('from-file');
    expect(env.port).toBe(5000);
    expect(env.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  test.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be a whole number'],
    [{ GITHUB_API_URL: 'github.example.com' }, 'GITHUB_API_URL must be an http(s) URL'],
    [{ SLACK_WEBHOOK_URL: 'ftp://x' }, 'SLACK_WEBHOOK_URL must be an http(s) URL'],
    [{ PULSEBOARD_QUEUE_RETRY_DELAY: '0' }, 'PULSEBOARD_QUEUE_RETRY_DELAY must be a whole number'],
    [
      { PULSEBOARD_QUEUE_RETRY_DELAY: '1.5' },
      'PULSEBOARD_QUEUE_RETRY_DELAY must be a whole number',
    ],
    [
      { PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS: '-5' },
      'PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS must be a whole number of milliseconds',
    ],
  ])('%o is rejected naming the variable', (vars, message) => {
    expect(() => loadEnvironment({ cwd: '/tmp', env: vars })).toThrow(message);
  });

  test("the queue's retry delay: 30 s unless PULSEBOARD_QUEUE_RETRY_DELAY says otherwise", () => {
    expect(loadEnvironment({ cwd: '/tmp', env: {} }).queueRetryDelayS).toBe(30);
    const env = loadEnvironment({ cwd: '/tmp', env: { PULSEBOARD_QUEUE_RETRY_DELAY: '2' } });
    expect(env.queueRetryDelayS).toBe(2);
  });

  test('GraphQL requests 100 ms apart unless PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS says otherwise', () => {
    expect(loadEnvironment({ cwd: '/tmp', env: {} }).githubGraphqlSpacingMs).toBe(100);
    const env = loadEnvironment({
      cwd: '/tmp',
      env: { PULSEBOARD_GITHUB_GRAPHQL_SPACING_MS: '0' },
    });
    expect(env.githubGraphqlSpacingMs).toBe(0);
  });

  test('a GitHub Enterprise URL keeps its path, without a trailing slash', () => {
    const env = loadEnvironment({
      cwd: '/tmp',
      env: { GITHUB_API_URL: 'https://ghe.example.com/api/v3/' },
    });
    expect(env.githubApiUrl).toBe('https://ghe.example.com/api/v3');
  });
});

describe('JSON Schema for editors', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(configJsonSchema);

  test('accepts the example and the starter', () => {
    expect(validate(parse(EXAMPLE)), JSON.stringify(validate.errors)).toBe(true);
    const starter = renderStarterConfig({
      project: 'X',
      repos: ['a/b'],
      guildId: null,
      year: 2026,
    });
    expect(validate(parse(starter)), JSON.stringify(validate.errors)).toBe(true);
  });

  test('rejects unknown keys and wrong types, as the loader does', () => {
    expect(validate({ ...parse(EXAMPLE), extra: 1 })).toBe(false);
    expect(validate({ ...parse(EXAMPLE), timezone: 5 })).toBe(false);
  });
});
