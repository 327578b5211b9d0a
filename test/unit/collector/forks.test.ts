import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { BotList } from '../../../collector/github/actors.js';
import { toRows, type ForkJson } from '../../../collector/github/forks.js';

/** GitHub's own example answer of `GET /repos/{owner}/{repo}/forks` (its OpenAPI description). */
const example = (
  JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json'),
      'utf8',
    ),
  ) as { components: { examples: Record<string, { value: ForkJson[] }> } }
).components.examples['minimal-repository-items-2']!.value;

const bots = new BotList(['fork-bot']);

describe('forks listing → rows', () => {
  test("GitHub's example answer", () => {
    expect(toRows('42', example, bots)).toEqual([
      {
        repo_id: '42',
        fork_id: '1296269',
        owner: 'octocat',
        owner_type: 'User',
        created_at: '2011-01-26T19:01:12Z',
      },
    ]);
  });
  test.each([
    ['a login in capitals is keyed lower-case', { login: 'OctoCat', type: 'User' }, 'octocat'],
    ['an organisation keeps its type', { login: 'Acme', type: 'Organization' }, 'acme'],
    ['a bot account is nobody', { login: 'helper[bot]', type: 'Bot' }, null],
    ['a login config lists as a bot is nobody', { login: 'Fork-Bot', type: 'User' }, null],
    ['the deleted-account placeholder is nobody', { login: 'ghost', type: 'User' }, null],
    ['no owner is nobody', null, null],
  ])('%s', (_, owner, expected) => {
    const rows = toRows('42', [{ id: 7, owner, created_at: '2026-01-01T00:00:00Z' }], bots);
    expect(rows.map((r) => r.owner)).toEqual(expected === null ? [] : [expected]);
    if (owner?.type === 'Organization') expect(rows[0]!.owner_type).toBe('Organization');
  });
  test('a fork without a creation date is skipped', () => {
    expect(
      toRows('42', [{ id: 7, owner: { login: 'a', type: 'User' }, created_at: null }], bots),
    ).toEqual([]);
  });
});
