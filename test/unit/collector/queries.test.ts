import { validate as validateAgainstGithub } from '@octokit/graphql-schema';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, test } from 'vitest';
import { ALL_QUERIES } from '../../../collector/github/queries.js';
import { queryCost, STAND_IN_SDL } from '../../../demo/github/graphql.js';

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
