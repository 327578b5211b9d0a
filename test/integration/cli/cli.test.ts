import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { parseConfigText } from '../../../config/load.js';
import { migrations } from '../../../db/migrations/index.js';
import { collect, runCli, startCli, waitForStderr, type CliResult } from '../../helpers/cli.js';
import { createTestDatabase, DIALECTS, pulseboardDb } from '../../helpers/databases.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'pulseboard-cli-'));

/** A CLI error is one line, with no stack trace. */
function expectOneLineError(result: CliResult, code: number, ...fragments: string[]) {
  expect(result.code, result.stderr).toBe(code);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('help and usage', () => {
  // Each in a fresh folder: they run side by side (a CLI process mostly waits for its modules).
  test.concurrent.each([
    ['start', ['--port', '--no-schedule', '--queue', '--config']],
    ['collect', ['--source', '--backfill', '--repo', '--queue']],
    ['worker', ['--batch', '--concurrency']],
    ['digest', ['--dry-run', '--to', '--week']],
    ['report', ['--format', '--out', '--from', '--to']],
    ['record', ['[metric]', '[value]', '--at', '--csv']],
    ['migrate', []],
    ['doctor', []],
    ['init', ['--repo', '--guild', '--force']],
    ['config schema', ['--out']],
    ['config check', []],
    ['demo', []],
  ])('pulseboard %s --help', async (command, options) => {
    const result = await runCli([...command.split(' '), '--help'], { cwd: freshDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: pulseboard ${command}`);
    for (const option of options) expect(result.stdout).toContain(option);
  });

  test('an unknown command exits 2 with a suggestion', async () => {
    expectOneLineError(
      await runCli(['strat'], { cwd: freshDir() }),
      2,
      "unknown command 'strat'",
      'start',
    );
  });

  test('a bad flag value exits 2 naming the flag and the fix', async () => {
    expectOneLineError(
      await runCli(['start', '--port', 'eighty'], { cwd: freshDir() }),
      2,
      '--port',
      'e.g. --port 3000',
    );
    expectOneLineError(
      await runCli(['collect', '--source', 'gitlab'], { cwd: freshDir() }),
      2,
      '--source',
      'github, discord',
    );
    expectOneLineError(
      await runCli(['demo', '--faults', '5%'], { cwd: freshDir() }),
      2,
      '--faults',
      'e.g. --faults 0.05',
    );
  });

  test('pulseboard report --format pdf without --out exits 2 naming the fix', async () => {
    expectOneLineError(
      await runCli(['report', '--format', 'pdf'], { cwd: freshDir() }),
      2,
      'add --out report.pdf',
    );
  });

  test('pulseboard report writes a Markdown report from the stored data', async () => {
    const cwd = freshDir();
    await runCli(['init', '--repo', 'a/b', '--project', 'Rocket'], { cwd });
    // report reads a database and never creates one: migrate makes the empty one.
    expect((await runCli(['migrate'], { cwd })).code).toBe(0);
    const result = await runCli(
      ['report', '--format', 'md', '--from', '2026-01-01', '--to', '2026-03-31'],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('# Rocket: KPI report, 2026-01-01 – 2026-03-31');
    expect(result.stdout).toContain('Key results as of 2026-03-31');
    expect(result.stdout).toContain('| GitHub stars | No data |');
  });
});

describe('init', () => {
  test('writes a valid starter config and a private .env, and refuses to overwrite', async () => {
    const cwd = freshDir();
    const result = await runCli(
      ['init', '--repo', 'acme/rocket', '--guild', '123456789012345678'],
      { cwd },
    );
    expect(result.code, result.stderr).toBe(0);
    const config = parseConfigText(readFileSync(join(cwd, 'pulseboard.yaml'), 'utf8'));
    expect(config.project).toBe('rocket');
    expect(config.github?.repos).toEqual(['acme/rocket']);
    expect(config.discord?.guildId).toBe('123456789012345678');
    expect(config.okrs.flatMap((o) => o.keyResults.map((k) => k.metric))).toContain(
      'discord.members',
    );
    expect(statSync(join(cwd, '.env')).mode & 0o777).toBe(0o600);

    expectOneLineError(
      await runCli(['init'], { cwd }),
      2,
      'pulseboard.yaml already exists',
      '--force',
    );
    expect((await runCli(['init', '--force', '--repo', 'acme/other'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'pulseboard.yaml'), 'utf8')).toContain('acme/other');
  });

  test('rejects a malformed --guild', async () => {
    expectOneLineError(
      await runCli(['init', '--guild', '42'], { cwd: freshDir() }),
      2,
      '--guild',
      '17–20 digit',
    );
  });
});

describe('config schema', () => {
  test('prints a JSON Schema that lists the top-level keys', async () => {
    const result = await runCli(['config', 'schema'], { cwd: freshDir() });
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['project', 'github', 'discord', 'schedule', 'digest', 'okrs']),
    );
  });
});

describe('config check', () => {
  const withKeyResults = (...fields: string[]) =>
    'project: X\ngithub: { repos: [acme/core, acme/plugins] }\nokrs:\n  - objective: Grow\n' +
    '    period: { start: 2026-01-01, end: 2026-12-31 }\n    keyResults:\n' +
    fields.map((f, i) => `      - { id: k${i}, ${f} }\n`).join('');

  test.concurrent('each misuse exits 2 with one line naming the field and the fix', async () => {
    const cwd = freshDir();
    writeFileSync(
      join(cwd, 'pulseboard.yaml'),
      withKeyResults(
        'metric: github.stars, target: 10, per: month',
        'metric: github.prs.opened, target: 9, contributors: external',
        'metric: github.stars, target: 900, repos: [acme/website]',
      ),
    );
    const result = await runCli(['config', 'check'], { cwd });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      'pulseboard.yaml:7:58: okrs[0].keyResults[0].per: is only for metrics counted per period (github.stars is a running level); remove per: or use a per-period metric such as github.prs.merged.',
      expect.stringMatching(
        /^pulseboard\.yaml:8:\d+: okrs\[0\]\.keyResults\[1\]\.contributors: is only for contributor metrics \(.*\), not github\.prs\.opened; remove it or use one of those\.$/,
      ),
      expect.stringMatching(
        /^pulseboard\.yaml:9:\d+: okrs\[0\]\.keyResults\[2\]\.repos\[0\]: "acme\/website" is not a tracked repository; add it to github\.repos or use one of acme\/core, acme\/plugins\.$/,
      ),
    ]);
  });

  test.concurrent('a good config says so and exits 0', async () => {
    const cwd = freshDir();
    writeFileSync(
      join(cwd, 'pulseboard.yaml'),
      withKeyResults('metric: github.contributions, target: 500, per: month'),
    );
    const result = await runCli(['config', 'check'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('pulseboard.yaml: fine (1 objective, 1 key result)');
  });
});

describe('start', () => {
  test('without a config file exits 2 and says how to make one', async () => {
    expectOneLineError(
      await runCli(['start'], { cwd: freshDir() }),
      2,
      'pulseboard init',
      'npm run demo',
    );
  });

  test('a bad config exits 2 naming the file, line and field', async () => {
    const cwd = freshDir();
    writeFileSync(
      join(cwd, 'pulseboard.yaml'),
      'project: X\ngithub: { repos: [a/b] }\ntimezone: Moon/Base\n',
    );
    expectOneLineError(
      await runCli(['start'], { cwd }),
      2,
      'pulseboard.yaml:3:11: timezone:',
      'IANA',
    );
  });

  test('a bad PORT exits 2 naming the variable', async () => {
    const cwd = freshDir();
    await runCli(['init', '--repo', 'a/b'], { cwd });
    expectOneLineError(
      await runCli(['start'], { cwd, env: { PORT: 'http' } }),
      2,
      'PORT must be a whole number',
    );
  });

  test('serves the dashboard and /api/health, stops cleanly, and keeps its data across restarts', async () => {
    const cwd = freshDir();
    expect((await runCli(['init', '--repo', 'a/b'], { cwd })).code).toBe(0);
    expect(
      (await runCli(['record', 'manual.arr', '1200', '--at', '2026-03-01'], { cwd })).code,
    ).toBe(0);

    for (let round = 0; round < 2; round++) {
      const child = startCli(['start', '--no-schedule'], { cwd, env: { PORT: '0' } });
      const done = collect(child);
      const [, url] = await waitForStderr(child, /serving (http:\/\/\S+) /);
      const response = await fetch(`${url}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        status: 'ok',
        db: { status: 'ok', dialect: 'sqlite' },
        lastRun: null,
        sources: { github: null, discord: null, packages: null },
        failing: [],
        needsAction: [],
        // No token in this test: the first-run warning says so (and changes no status).
        warnings: [expect.stringMatching(/^GITHUB_TOKEN is not set/)],
      });
      // The built dashboard, also for a page's own URL (the SPA routes in the browser); the
      // overview arrives rendered, titled with the project.
      for (const [path, title] of [
        ['/', /<title>\S.* · Pulseboard<\/title>/],
        ['/metrics/github.stars', /<title>Pulseboard<\/title>/],
      ] as const) {
        const page = await fetch(`${url}${path}`);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(await page.text()).toMatch(title);
      }
      child.kill('SIGTERM');
      expect((await done).code).toBe(0);
    }

    const db = new SQLite(join(cwd, 'data', 'pulseboard.db'), { readonly: true });
    try {
      expect(db.prepare('select metric, at, value from manual_value').all()).toEqual([
        { metric: 'manual.arr', at: '2026-03-01', value: 1200 },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('digest', () => {
  test('with no channel enabled it exits 2 naming the settings; --dry-run prints the payloads', async () => {
    const cwd = freshDir();
    await runCli(['init', '--repo', 'a/b'], { cwd });
    expect((await runCli(['migrate'], { cwd })).code).toBe(0);
    expectOneLineError(
      await runCli(['digest'], { cwd }),
      2,
      'digest.slack and digest.discord are both false',
    );
    expectOneLineError(
      await runCli(['digest', '--week', '2026-W60', '--to', 'slack'], { cwd }),
      2,
      '--week 2026-W60 is not an ISO week',
    );
    const dry = await runCli(['digest', '--dry-run', '--to', 'slack', '--week', '2026-W47'], {
      cwd,
    });
    expect(dry.code, dry.stderr).toBe(0);
    const payload = JSON.parse(dry.stdout) as { slack: { blocks: { type: string }[] } };
    expect(payload.slack.blocks[0]!.type).toBe('header');
    const send = await runCli(['digest', '--to', 'discord', '--week', '2026-W47'], { cwd });
    expectOneLineError(send, 1, 'DISCORD_WEBHOOK_URL is not set');
  });

  test('dashboardUrl: a bad one exits 2 naming the field and the fix; a good one links the digest', async () => {
    const cwd = freshDir();
    await runCli(['init', '--repo', 'a/b'], { cwd });
    expect((await runCli(['migrate'], { cwd })).code).toBe(0);
    const file = join(cwd, 'pulseboard.yaml');
    const starter = readFileSync(file, 'utf8');
    const dry = ['digest', '--dry-run', '--week', '2026-W47'];
    writeFileSync(
      file,
      starter.replace('timezone: UTC', 'timezone: UTC\ndashboardUrl: pulse.example.org'),
    );
    expectOneLineError(
      await runCli(dry, { cwd }),
      2,
      'pulseboard.yaml:6:15: dashboardUrl: must be the address people open the dashboard at',
      'e.g. dashboardUrl: https://pulse.example.org',
    );
    writeFileSync(
      file,
      starter.replace('timezone: UTC', 'timezone: UTC\ndashboardUrl: https://pulse.example.org/'),
    );
    const result = await runCli(dry, { cwd });
    expect(result.code, result.stderr).toBe(0);
    const payload = JSON.parse(result.stdout) as {
      slack: { blocks: { text?: { text: string }; elements?: { text: string }[] }[] };
      discord: { embeds: { url?: string; description?: string }[] };
    };
    expect(payload.slack.blocks.at(-1)!.elements![0]!.text).toBe(
      '<https://pulse.example.org|Open the dashboard>',
    );
    expect(payload.slack.blocks[1]!.text!.text).toContain(
      '*<https://pulse.example.org/metrics/github.stars?kr=stars|GitHub stars>*',
    );
    expect(payload.discord.embeds[0]!.url).toBe('https://pulse.example.org');
    expect(payload.discord.embeds[0]!.description).toContain(
      '**[GitHub stars](https://pulse.example.org/metrics/github.stars?kr=stars)**',
    );
  });
});

describe('record', () => {
  test.concurrent.each([
    [['record', 'github.stars', '5'], 'not a manual metric'],
    [['record', 'manual.arr', 'lots'], '"lots" in the arguments is not a number'],
    [['record', 'manual.arr', '5', '--at', '2026-13-01'], '--at'],
    [['record'], 'Give a metric and a value'],
    [['record', 'manual.arr', '0x10'], '"0x10" in the arguments is not a number'],
    [['record', 'manual.arr', '1e2'], '"1e2" in the arguments is not a number'],
    [['record', 'manual.arr', '1.79e308'], '"1.79e308" in the arguments is not a number'],
    [['record', 'manual.arr', '2000000000000000'], 'from -1000000000000000 to 1000000000000000'],
    [['record', 'manual.arr', '5', '--at', '1999-12-31'], 'from 2000-01-01'],
    [['record', 'manual.arr', '5', '--at', '2099-01-01'], 'from 2000-01-01'],
  ])('%o exits 2', async (args, message) => {
    expectOneLineError(await runCli(args, { cwd: freshDir() }), 2, message);
  });

  test('--csv imports every row, or none when one is bad (naming its line)', async () => {
    const cwd = freshDir();
    writeFileSync(
      join(cwd, 'bad.csv'),
      'metric,date,value\nmanual.nps,2026-01-01,41\nmanual.nps,2026-02-30,44\n',
    );
    expectOneLineError(
      await runCli(['record', '--csv', 'bad.csv'], { cwd }),
      2,
      'bad.csv line 3',
      '"2026-02-30"',
    );
    writeFileSync(
      join(cwd, 'good.csv'),
      'metric,date,value\nmanual.nps,2026-01-01,41\nmanual.nps,2026-02-01,44\nmanual.downloads,2026-02-01,1200\n',
    );
    const ok = await runCli(['record', '--csv', 'good.csv'], { cwd });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Recorded 3 values of 2 metric(s) from good.csv.');
    const db = new SQLite(join(cwd, 'data', 'pulseboard.db'), { readonly: true });
    try {
      expect(
        db.prepare('select metric, at, value, source from manual_value order by metric, at').all(),
      ).toEqual([
        { metric: 'manual.downloads', at: '2026-02-01', value: 1200, source: 'csv' },
        { metric: 'manual.nps', at: '2026-01-01', value: 41, source: 'csv' },
        { metric: 'manual.nps', at: '2026-02-01', value: 44, source: 'csv' },
      ]);
      // The rollups are refreshed, so the API shows the values at once.
      const rollup = db
        .prepare(
          "select value from daily_metric where metric = 'manual.nps' order by day desc limit 1",
        )
        .get() as { value: number };
      expect(rollup.value).toBe(44);
    } finally {
      db.close();
    }
  });
});

describe.each(DIALECTS)('migrate on %s', (dialect) => {
  test('applies once, then is a no-op, also when two processes start together', async () => {
    const testDb = await createTestDatabase(dialect);
    const where = pulseboardDb(testDb.location);
    const env = { PULSEBOARD_DB: where };
    try {
      const [a, b] = await Promise.all([
        runCli(['migrate'], { cwd: freshDir(), env }),
        runCli(['migrate'], { cwd: freshDir(), env }),
      ]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      expect(
        [a.stderr, b.stderr].filter((s) => s.includes('applied 0001_init, 0002_digest_delivery')),
      ).toHaveLength(1);
      expect(await countMigrations(testDb.location)).toBe(Object.keys(migrations).length);

      const again = await runCli(['migrate'], { cwd: freshDir(), env });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('up to date');
    } finally {
      await testDb.drop();
    }
  });
});

async function countMigrations(
  location: Awaited<ReturnType<typeof createTestDatabase>>['location'],
) {
  if (location.kind === 'sqlite') {
    const db = new SQLite(location.path, { readonly: true });
    try {
      return (db.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    return Number((await client.query('select count(*) as n from kysely_migration')).rows[0].n);
  } finally {
    await client.end();
  }
}
