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

/** One point per repo: have pull requests, issues or discussions changed since the last pass? */
export const PROBE_QUERY = /* GraphQL */ `
  query Probe($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { target { oid } }
      pullRequests(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
      issues(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
      hasDiscussionsEnabled
      discussions(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
    }
    ${RATE}
  }
`;

/** The probe where stars come from the stargazer list (no star-history endpoint). Stars are a
 * separate root field, so a refused stargazer list does not hide the rest. */
export const PROBE_WITH_STARS_QUERY = /* GraphQL */ `
  query ProbeWithStars($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      defaultBranchRef { target { oid } }
      pullRequests(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
      issues(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
      hasDiscussionsEnabled
      discussions(first: 1, orderBy: { field: UPDATED_AT, direction: DESC }) { nodes { updatedAt } }
    }
    stars: repository(owner: $owner, name: $name) {
      stargazerCount
      stargazers(first: 1, orderBy: { field: STARRED_AT, direction: DESC }) { edges { starredAt } }
    }
    ${RATE}
  }
`;

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
};

export interface GqlActor {
  __typename: string;
  login: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}
