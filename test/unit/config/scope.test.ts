/** `team:`, `contributors:` and `repos:` in pulseboard.yaml: what loads, and each misuse's one line. */
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../../config/errors.js';
import { loadConfig, parseConfigText } from '../../../config/load.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const config = (keyResult: string, rest = '') =>
  `project: Demo\ngithub: { repos: [acme/core, acme/plugins], orgs: [tools] }\ndiscord: { guildId: "123456789012345678" }\n${rest}okrs:\n  - objective: Grow\n    period: { start: 2026-01-01, end: 2026-12-31 }\n    keyResults:\n      - { id: k, ${keyResult} }\n`;

function errorsOf(text: string): string[] {
  try {
    parseConfigText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).lines];
  }
  throw new Error('the config was accepted');
}

function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pulseboard-scope-'));
  writeFileSync(join(dir, 'pulseboard.yaml'), text);
  return loadConfig({ cwd: dir, env: {} });
}

describe('scoped key results that load', () => {
  test('contributors: external on active contributors, with the default team associations', () => {
    const loaded = load(
      config('metric: github.contributors.active, target: 50, contributors: external'),
    );
    expect(loaded.team).toEqual({ logins: [], associations: ['OWNER', 'MEMBER', 'COLLABORATOR'] });
    const kr = loaded.okrs[0]!.keyResults[0]!;
    expect(kr.label).toBe('Active contributors (90 days), external');
    expect(kr.scope).toMatchObject({ contributors: 'external', repos: null, timeZone: 'UTC' });
  });
  test('team: logins are compared lower-cased; associations can be narrowed', () => {
    const loaded = load(
      config(
        'metric: github.contributors, target: 20, contributors: team',
        'team: { logins: [Alice, bob-2], associations: [OWNER] }\n',
      ),
    );
    expect(loaded.team).toEqual({ logins: ['alice', 'bob-2'], associations: ['OWNER'] });
    expect(loaded.okrs[0]!.keyResults[0]!.scope?.team).toEqual(loaded.team);
  });
  test.each([
    [
      'one repository of a percentile metric',
      'metric: github.prs.merge_time.p50, target: 48, repos: [acme/plugins]',
    ],
    [
      'several repositories of a count',
      'metric: github.prs.merged, target: 40, repos: [acme/core, Acme/Plugins]',
    ],
    [
      'several repositories of a level',
      'metric: github.stars, target: 900, repos: [acme/core, acme/plugins]',
    ],
    [
      'contributors of several repositories',
      'metric: github.contributors.new, target: 5, repos: [acme/core, acme/plugins], contributors: external',
    ],
    [
      'a repository of a tracked organisation',
      'metric: github.forks, target: 5, repos: [tools/linter]',
    ],
    ['the bus factor of the team', 'metric: github.bus_factor, target: 3, contributors: team'],
    ['external contributions', 'metric: github.contributions, target: 100, contributors: external'],
    [
      'a ratio of one repository',
      'metric: github.prs.acceptance_rate, target: 0.8, repos: [acme/core]',
    ],
  ])('%s', (_, keyResult) => {
    const kr = load(config(keyResult)).okrs[0]!.keyResults[0]!;
    expect(kr.scope).toBeDefined();
  });
  test('repos: names the repositories in the default label', () => {
    const kr = load(config('metric: github.stars, target: 900, repos: [acme/plugins]')).okrs[0]!
      .keyResults[0]!;
    expect(kr.label).toBe('GitHub stars, in acme/plugins');
    expect(kr.scope).toMatchObject({ repos: ['acme/plugins'], contributors: null });
  });
  test('a key result without either has no scope', () => {
    expect(
      load(config('metric: github.stars, target: 900')).okrs[0]!.keyResults[0]!.scope,
    ).toBeUndefined();
  });
});

describe('each misuse is one line naming the field and the fix', () => {
  test.each([
    [
      'contributors: on a non-contributor metric',
      config('metric: github.stars, target: 900, contributors: external'),
      'okrs[0].keyResults[0].contributors: is only for contributor metrics (github.contributors, github.contributors.new, github.contributors.active, github.bus_factor',
    ],
    [
      'contributors: on a non-contributor metric, the fix',
      config('metric: github.prs.opened, target: 9, contributors: team'),
      'not github.prs.opened; remove it or use one of those.',
    ],
    [
      'contributors: with another value',
      config('metric: github.contributors, target: 9, contributors: outsiders'),
      'okrs[0].keyResults[0].contributors: must be external (everyone outside team:) or team (the people team: lists).',
    ],
    [
      'an unknown repository',
      config('metric: github.stars, target: 900, repos: [acme/core, acme/website]'),
      'okrs[0].keyResults[0].repos[1]: "acme/website" is not a tracked repository; add it to github.repos or use one of acme/core, acme/plugins.',
    ],
    [
      'a repository listed twice',
      config('metric: github.stars, target: 900, repos: [acme/core, ACME/core]'),
      'okrs[0].keyResults[0].repos[1]: "ACME/core" is listed twice; keep one.',
    ],
    [
      'not owner/name',
      config('metric: github.stars, target: 900, repos: [core]'),
      'okrs[0].keyResults[0].repos[0]: must be owner/name of a tracked repository, e.g. infragenius/plugins.',
    ],
    [
      'an empty list',
      config('metric: github.stars, target: 900, repos: []'),
      'okrs[0].keyResults[0].repos: must list at least one repository, or be left out for all of them.',
    ],
    [
      'repos: on a Discord metric',
      config('metric: discord.members, target: 900, repos: [acme/core]'),
      'okrs[0].keyResults[0].repos: is only for GitHub metrics, not discord.members; remove it.',
    ],
    [
      'several repositories of a percentile',
      config(
        'metric: github.issues.first_response.p50, target: 24, repos: [acme/core, acme/plugins]',
      ),
      'okrs[0].keyResults[0].repos: cannot combine several repositories for github.issues.first_response.p50',
    ],
    [
      'several repositories of a ratio',
      config(
        'metric: github.forks.contributing_share, target: 0.15, repos: [acme/core, acme/plugins]',
      ),
      'okrs[0].keyResults[0].repos: cannot combine several repositories for github.forks.contributing_share',
    ],
    [
      'a team association that is not one',
      config(
        'metric: github.contributors, target: 9',
        'team: { associations: [OWNER, CONTRIBUTOR] }\n',
      ),
      'team.associations[1]: must be one of OWNER, MEMBER, COLLABORATOR',
    ],
    [
      'a team login that cannot be one',
      config('metric: github.contributors, target: 9', 'team: { logins: ["al ice"] }\n'),
      'team.logins[0]: must be a GitHub login (letters, digits and "-"), e.g. octocat.',
    ],
    [
      'a team login twice, in another case',
      config('metric: github.contributors, target: 9', 'team: { logins: [alice, Alice] }\n'),
      'team.logins[1]: "Alice" is listed twice (logins ignore case); keep one.',
    ],
    [
      'an unknown key under team',
      config('metric: github.contributors, target: 9', 'team: { login: [alice] }\n'),
      'team.login: unknown key; remove it or fix its spelling (did you mean "logins"?)',
    ],
  ])('%s', (_, text, expected) => {
    const lines = errorsOf(text);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(expected);
    expect(lines[0]).not.toContain('\n');
  });
});
