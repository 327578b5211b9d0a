import { validate as validateAgainstGithub } from '@octokit/graphql-schema';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { ALL_QUERIES, PROBE_BATCH, probeBatchQuery } from '../../../collector/github/queries.js';
import { executeGraphql, queryCost, STAND_IN_SDL } from '../../../demo/github/graphql.js';
import { createWorld } from '../../../demo/github/world.js';

const standIn = buildSchema(STAND_IN_SDL);

describe.each(Object.entries(ALL_QUERIES))('%s', (_name, query) => {
  test("is valid against GitHub's published GraphQL schema", () => {
    expect(validateAgainstGithub(query).map((e) => e.message)).toEqual([]);
  });

  test("is valid against the stand-in's schema, so the demo answers it as GitHub would", () => {
    expect(validate(standIn, parse(query)).map((e) => e.message)).toEqual([]);
  });

  test('costs one point a page', () => {
    expect(queryCost(parse(query), { owner: 'a', name: 'b', after: null })).toBe(1);
  });
});

describe("the stand-in's cost formula (GitHub's: connections × parents' first, / 100)", () => {
  test.each([
    ['query { repository(owner: "a", name: "b") { issues(first: 100) { nodes { number } } } }', 1],
    // GitHub's documented example: 1 + 100 + 100 × 50 = 5,101 requests → 51 points.
    [
      'query { viewer { repositories(first: 100) { nodes { issues(first: 50) { nodes { labels(first: 60) { totalCount } } } } } } }',
      51,
    ],
    [
      'query { repository(owner: "a", name: "b") { issues(first: 50) { nodes { comments(first: 10) { totalCount } } } } }',
      1,
    ],
    ['query { rateLimit { cost } }', 1],
  ])('%s costs %i', (query, cost) => {
    expect(queryCost(parse(query), {})).toBe(cost);
  });
});

describe("the stand-in refuses what GitHub's node limits refuse", () => {
  const ask = (query: string, variables: Record<string, unknown> = {}) =>
    executeGraphql(createWorld({ repos: 1, stars: 5, pulls: 2, issues: 2, commits: 2 }), budget(), {
      query,
      variables,
    }).body as { data?: unknown; errors?: { type?: string; message: string }[] };
  const budget = () => ({ limit: 5000, remaining: 5000, resetAt: '2026-11-01T01:00:00Z' });
  const repo = 'repository(owner: "infragenius", name: "core")';

  test('a connection without first or last', () => {
    const answer = ask(`query { ${repo} { issues { totalCount } } }`);
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.[0]?.message).toMatch(
      /must provide a `first` or `last` value .* `issues`/,
    );
  });

  test('a page of more than 100', () => {
    const answer = ask(`query($n: Int) { ${repo} { issues(first: $n) { totalCount } } }`, {
      n: 101,
    });
    expect(answer.errors?.[0]?.message).toMatch(
      /Requesting 101 records on the `issues` connection/,
    );
  });

  test('more than 500,000 nodes in one call', () => {
    const nested = `issues(first: 100) { nodes { comments(first: 100) { nodes { createdAt } } } }`;
    const aliases = Array.from({ length: 51 }, (_, i) => `r${i}: ${repo} { ${nested} }`);
    const answer = ask(`query { ${aliases.join(' ')} }`);
    expect(answer.errors?.[0]?.type).toBe('MAX_NODE_LIMIT_EXCEEDED');
    // 50 repositories of 10,100 nodes each stay within the limit.
    expect(ask(`query { ${aliases.slice(0, 49).join(' ')} }`).errors).toBeUndefined();
  });

  test('a batched probe of 100 repositories costs 3 points (4 with stars)', () => {
    const vars = (n: number) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          [`owner${i}`, 'a'],
          [`name${i}`, 'b'],
        ]).flat(),
      );
    expect(queryCost(parse(probeBatchQuery(Array(100).fill(false))), vars(100))).toBe(3);
    expect(queryCost(parse(probeBatchQuery(Array(100).fill(true))), vars(100))).toBe(4);
    expect(PROBE_BATCH).toBe(100);
  });
});
