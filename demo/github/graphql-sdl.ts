/**
 * The part of GitHub's GraphQL schema the stand-in serves: the same names, types and arguments, so
 * a query valid here is valid there (a unit test checks the collectors' queries against both).
 */
import { DISCUSSION_SDL } from './discussions.js';

export const STAND_IN_SDL = /* GraphQL */ `
  scalar DateTime
  scalar GitObjectID
  type Query {
    repository(owner: String!, name: String!): Repository
    rateLimit(dryRun: Boolean): RateLimit
  }
  type RateLimit {
    cost: Int!
    limit: Int!
    remaining: Int!
    resetAt: DateTime!
    used: Int!
  }
  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }
  enum OrderDirection {
    ASC
    DESC
  }
  enum StarOrderField {
    STARRED_AT
  }
  input StarOrder {
    field: StarOrderField!
    direction: OrderDirection!
  }
  enum IssueOrderField {
    CREATED_AT
    UPDATED_AT
    COMMENTS
  }
  input IssueOrder {
    field: IssueOrderField!
    direction: OrderDirection!
  }
  enum PullRequestState {
    OPEN
    CLOSED
    MERGED
  }
  enum IssueState {
    OPEN
    CLOSED
  }
  enum CommentAuthorAssociation {
    COLLABORATOR
    CONTRIBUTOR
    FIRST_TIMER
    FIRST_TIME_CONTRIBUTOR
    MANNEQUIN
    MEMBER
    NONE
    OWNER
  }
  interface Actor {
    login: String!
  }
  type User implements Actor {
    login: String!
  }
  type Bot implements Actor {
    login: String!
  }
  interface GitObject {
    oid: GitObjectID!
  }
  type Commit implements GitObject {
    oid: GitObjectID!
  }
  type Ref {
    name: String!
    target: GitObject
  }
  type Repository {
    databaseId: Int
    defaultBranchRef: Ref
    nameWithOwner: String!
    stargazerCount: Int!
    stargazers(first: Int, after: String, orderBy: StarOrder): StargazerConnection!
    pullRequests(
      first: Int
      after: String
      orderBy: IssueOrder
      states: [PullRequestState!]
    ): PullRequestConnection!
    issues(first: Int, after: String, orderBy: IssueOrder, states: [IssueState!]): IssueConnection!
    hasDiscussionsEnabled: Boolean!
    discussions(
      first: Int
      after: String
      orderBy: DiscussionOrder
      answered: Boolean
    ): DiscussionConnection!
  }
  type StargazerConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    edges: [StargazerEdge]
  }
  type StargazerEdge {
    cursor: String!
    starredAt: DateTime!
    node: User!
  }
  type PullRequestConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [PullRequest]
  }
  type PullRequest {
    number: Int!
    title: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    mergedAt: DateTime
    closedAt: DateTime
    isDraft: Boolean!
    mergeCommit: Commit
    state: PullRequestState!
    author: Actor
    authorAssociation: CommentAuthorAssociation!
    reviews(first: Int, after: String): PullRequestReviewConnection
    comments(first: Int, after: String): IssueCommentConnection!
  }
  type PullRequestReviewConnection {
    totalCount: Int!
    nodes: [PullRequestReview]
  }
  type PullRequestReview {
    author: Actor
    submittedAt: DateTime
    createdAt: DateTime!
  }
  type IssueCommentConnection {
    totalCount: Int!
    nodes: [IssueComment]
  }
  type IssueComment {
    author: Actor
    createdAt: DateTime!
  }
  type IssueConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Issue]
  }
  enum IssueTimelineItemsItemType {
    CLOSED_EVENT
  }
  union IssueTimelineItems = ClosedEvent
  type ClosedEvent {
    actor: Actor
    createdAt: DateTime!
  }
  type IssueTimelineItemsConnection {
    totalCount: Int!
    nodes: [IssueTimelineItems]
  }
  type Issue {
    number: Int!
    title: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    closedAt: DateTime
    state: IssueState!
    author: Actor
    comments(first: Int, after: String): IssueCommentConnection!
    timelineItems(
      first: Int
      itemTypes: [IssueTimelineItemsItemType!]
    ): IssueTimelineItemsConnection!
  }
  ${DISCUSSION_SDL}
`;
