/**
 * The demo's community has a realistic bus factor: a few regulars author most merged pull requests
 * and commits (GitHub projects of its size have one in single digits to low tens), not hundreds.
 */
import { expect, test } from 'vitest';
import { contributorKey, emailKey } from '../../../collector/github/actors.js';
import { trueContributions } from '../../../demo/github/history.js';
import { createWorld } from '../../../demo/github/world.js';
import { busFactor } from '../../../server/kpi/stats.js';

test("the demo's bus factor over its last year is in single digits to low tens", () => {
  // The demo's own size (cli/commands/demo-action.ts).
  const world = createWorld({
    repos: 3,
    stars: 10_000,
    pulls: 2_000,
    issues: 5_000,
    commits: 3_000,
  });
  const yearAgo = new Date(Date.parse(world.now) - 365 * 86_400_000).toISOString();
  const perPerson = new Map<string, number>();
  for (const repo of world.repos)
    for (const c of trueContributions(repo)) {
      if (c.at <= yearAgo) continue;
      const key = c.login ? contributorKey(c.login) : emailKey(c.email!);
      perPerson.set(key, (perPerson.get(key) ?? 0) + 1);
    }
  const factor = busFactor(perPerson.values());
  expect(factor).toBeGreaterThanOrEqual(3);
  expect(factor).toBeLessThanOrEqual(20);
  // Still a community, not a handful: hundreds of people contributed in the year.
  expect(perPerson.size).toBeGreaterThan(300);
});
