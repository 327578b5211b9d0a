/**
 * Every GraphQL document the collectors send. Variables only, never string-built; a unit test
 * validates each against GitHub's published schema. Page sizes keep each query at 1 point.
 */

export const PAGE = {
  stars: 100,
  pullRequests: 50,
  issues: 50,
  discussions: 50,
  nested: 20,
} as const;

const RATE = 'rateLimit { cost remaining limit resetAt }';
const ACTOR = 'author { __typename login }';

/** What the probe asks of a repository: has anything changed since the last pass? */
const PROBE_FIELDS = `
  defaultBranchRef { target { oid } }
  pullRequests(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
  issues(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
  hasDiscussionsEnabled
  discussions(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
`;
/** Where stars come from the stargazer list: the newest star. A separate root field, so a refused
 * list (FORBIDDEN nulls the field's parent) does not hide the rest. */
const PROBE_STAR_FIELDS = `
  stargazerCount
  stargazers(first: 1, orderBy: { field: STARRED_AT, direction: DESC }) { edges { starredAt } }
`;

/** One repository's probe (the fallback when a batch cannot answer for it). */
export const PROBE_QUERY = /* GraphQL */ `
  query Probe($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { ${PROBE_FIELDS} }
    ${RATE}
  }
`;

export const PROBE_WITH_STARS_QUERY = /* GraphQL */ `
  query ProbeWithStars($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { ${PROBE_FIELDS} }
    stars: repository(owner: $owner, name: $name) { ${PROBE_STAR_FIELDS} }
    ${RATE}
  }
`;

/**
 * Repositories per batched probe. Each costs 3 connections (4 with stars) of one node each, and
 * GitHub charges (connections / 100) rounded: 100 repositories cost 3 points (4 with stars), far
 * under the 500,000-node limit of one call.
 */
export const PROBE_BATCH = 100;

/**
 * The probe for several repositories in one query: aliases `r0…`, and `s0…` for the stars of the
 * repositories whose stars come from the stargazer list; names travel as variables `owner0`,
 * `name0`… (never built into the text).
 */
export function probeBatchQuery(starList: readonly boolean[]): string {
  const declarations = starList.map((_, i) => `$owner${i}: String!, $name${i}: String!`);
  const fields = starList.map((stars, i) => {
    const args = `owner: $owner${i}, name: $name${i}`;
    const repo = `r${i}: repository(${args}) { ${PROBE_FIELDS} }`;
    return stars ? `${repo}\n    s${i}: repository(${args}) { ${PROBE_STAR_FIELDS} }` : repo;
  });
  return `query ProbeBatch(${declarations.join(', ')}) {\n    ${fields.join('\n    ')}\n    ${RATE}\n  }`;
}

/** Can this token see the stargazer list? (`pulseboard doctor`) */
export const STARS_PROBE_QUERY = /* GraphQL */ `
  query StarsProbe($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      stargazerCount
      stargazers(first: 1) { edges { starredAt } }
    }
    ${RATE}
  }
`;

export const STARS_QUERY = /* GraphQL */ `
  query Stargazers($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      stargazerCount
      stargazers(first: ${PAGE.stars}, after: $after, orderBy: { field: STARRED_AT, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { starredAt node { login } }
      }
    }
    ${RATE}
  }
`;

export const PULL_REQUESTS_QUERY = /* GraphQL */ `
  query PullRequests($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequests(first: ${PAGE.pullRequests}, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number title createdAt updatedAt mergedAt closedAt isDraft state authorAssociation
          mergeCommit { oid }
          ${ACTOR}
          reviews(first: ${PAGE.nested}) { nodes { ${ACTOR} submittedAt createdAt } }
          comments(first: ${PAGE.nested}) { nodes { ${ACTOR} createdAt } }
        }
      }
    }
    ${RATE}
  }
`;

export const ISSUES_QUERY = /* GraphQL */ `
  query Issues($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      issues(first: ${PAGE.issues}, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number title createdAt updatedAt closedAt state
          ${ACTOR}
          comments(first: ${PAGE.nested}) { nodes { ${ACTOR} createdAt } }
          timelineItems(first: 1, itemTypes: [CLOSED_EVENT]) {
            nodes { ... on ClosedEvent { actor { __typename login } createdAt } }
          }
        }
      }
    }
    ${RATE}
  }
`;

/** Discussions with what the metrics need: category, first comments, the marked answer. */
export const DISCUSSIONS_QUERY = /* GraphQL */ `
  query Discussions($owner: String!, $name: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      discussions(first: ${PAGE.discussions}, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          number createdAt updatedAt authorAssociation
          ${ACTOR}
          category { isAnswerable }
          answerChosenAt
          answer { createdAt authorAssociation ${ACTOR} }
          comments(first: ${PAGE.nested}) { nodes { createdAt ${ACTOR} } }
        }
      }
    }
    ${RATE}
  }
`;

/** Are discussions on, and how many are there? (`pulseboard doctor`) */
export const DISCUSSIONS_PROBE_QUERY = /* GraphQL */ `
  query DiscussionsProbe($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      hasDiscussionsEnabled
      discussions(first: 1) { totalCount }
    }
    ${RATE}
  }
`;

export const ALL_QUERIES = {
  PROBE_QUERY,
  PROBE_WITH_STARS_QUERY,
  STARS_PROBE_QUERY,
  STARS_QUERY,
  PULL_REQUESTS_QUERY,
  ISSUES_QUERY,
  DISCUSSIONS_QUERY,
  DISCUSSIONS_PROBE_QUERY,
  /** A batch of two, one with its stars (every batch has this shape). */
  PROBE_BATCH_QUERY: probeBatchQuery([true, false]),
};

export interface GqlActor {
  __typename: string;
  login: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
