/**
 * GitHub Discussions in the generated world, and the stand-in's GraphQL part for them (the names,
 * types and arguments of GitHub's schema). Q&A categories are answerable; answers come from the
 * team (maintainers, MEMBER) or the community; authors' own comments, bots and deleted accounts
 * are noise that is never a response. Each discussion carries its `truth`, decided here.
 */
import { seeded } from '../random.js';
import type { Actor, RepoData, World } from './world.js';

export type Association = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';

export interface DiscussionCommentData {
  author: Actor;
  authorAssociation: Association;
  at: string;
}

export interface DiscussionData {
  number: number;
  title: string;
  author: Actor;
  authorAssociation: Association;
  category: { name: string; isAnswerable: boolean };
  createdAt: string;
  updatedAt: string;
  comments: DiscussionCommentData[];
  /** Index into `comments` of the marked answer. */
  answer: number | null;
  answerChosenAt: string | null;
  truth: { firstResponseAt: string | null };
}

const CATEGORIES = [
  { name: 'Q&A', isAnswerable: true, weight: 0.55 },
  { name: 'Ideas', isAnswerable: false, weight: 0.2 },
  { name: 'General', isAnswerable: false, weight: 0.15 },
  { name: 'Show and tell', isAnswerable: false, weight: 0.1 },
];

const HOUR = 3_600_000;
const iso = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
/** Discussions have their own random stream, so adding them leaves the rest of a seeded world as it was. */
function randomOf(world: World): () => number {
  return (world.discussionRandom ??= seeded(7));
}

/** The random draws a discussion is made of, all from the discussions' own stream. */
interface Draws {
  r: () => number;
  cap: (at: number) => number;
  later: (at: number, meanHours: number) => number;
  pick: <T>(items: readonly T[]) => T;
  user: () => Actor;
  maintainer: () => Actor;
  community: () => Association;
}

function drawsOf(r: () => number, to: number): Draws {
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)]!;
  return {
    r,
    cap: (at: number) => Math.min(at, to),
    later: (at: number, meanHours: number) =>
      at + Math.max(60_000, -Math.log(1 - r()) * meanHours * HOUR),
    pick,
    user: (): Actor => ({ login: `user${Math.floor(r() * 3000)}`, type: 'User' }),
    maintainer: (): Actor => ({ login: `maintainer${Math.floor(r() * 8)}`, type: 'User' }),
    community: (): Association => pick(['CONTRIBUTOR', 'NONE', 'NONE']),
  };
}

/** Adds `count` discussions created in [from, to) to a repo that has discussions on. */
export function addDiscussions(
  world: World,
  repo: RepoData,
  count: number,
  from: number,
  to: number,
): void {
  if (!repo.hasDiscussions || count <= 0) return;
  const d = drawsOf(randomOf(world), to);
  const times = Array.from({ length: count }, () => from + Math.sqrt(d.r()) * (to - from)).sort(
    (a, b) => a - b,
  );
  for (const created of times) repo.discussions.push(drawDiscussion(d, repo, created));
}

function drawDiscussion(d: Draws, repo: RepoData, created: number): DiscussionData {
  const { r, cap, later, pick, community } = d;
  let roll = r();
  const category = CATEGORIES.find((c) => (roll -= c.weight) <= 0) ?? CATEGORIES[0]!;
  const x = r();
  const fromTeam = x >= 0.06 && x < 0.16;
  const author: Actor =
    x < 0.03
      ? null
      : x < 0.06
        ? { login: 'github-actions', type: 'Bot' }
        : fromTeam
          ? d.maintainer()
          : d.user();
  const { comments, t } = drawNoise(d, author, created);
  const { firstResponse, answer } = drawResponses(d, comments, t, author, category.isAnswerable);
  const answerChosenAt =
    answer === null ? null : iso(cap(later(Date.parse(comments[answer]!.at), 20)));
  const discussion: DiscussionData = {
    number: repo.nextNumber++,
    title: `${pick(['How do I', 'Why does', 'Idea:', 'Can I'])} ${pick(['configure plugins', 'export data', 'run it on ARM', 'use the CLI'])}`,
    author,
    authorAssociation: author === null ? 'NONE' : fromTeam ? 'MEMBER' : community(),
    category: { name: category.name, isAnswerable: category.isAnswerable },
    createdAt: iso(created),
    updatedAt: '',
    comments,
    answer,
    answerChosenAt,
    truth: { firstResponseAt: firstResponse },
  };
  discussion.updatedAt = [discussion.createdAt, answerChosenAt, ...comments.map((c) => c.at)]
    .filter((v): v is string => v !== null)
    .reduce((a, b) => (a > b ? a : b));
  return discussion;
}

/** Noise first: the author's own follow-up, a bot, a deleted account. */
function drawNoise(
  d: Draws,
  author: Actor,
  created: number,
): { comments: DiscussionCommentData[]; t: number } {
  const { r, cap, later } = d;
  const comments: DiscussionCommentData[] = [];
  let t = created;
  if (r() < 0.3)
    comments.push({ author, authorAssociation: 'NONE', at: iso(cap((t = later(t, 1)))) });
  if (r() < 0.1)
    comments.push({
      author: { login: 'github-actions', type: 'Bot' },
      authorAssociation: 'NONE',
      at: iso(cap((t = later(t, 0.3)))),
    });
  if (r() < 0.04)
    comments.push({ author: null, authorAssociation: 'NONE', at: iso(cap((t = later(t, 2)))) });
  return { comments, t };
}

/** The first response (most discussions get one), maybe a second, and maybe an answer among them. */
function drawResponses(
  d: Draws,
  comments: DiscussionCommentData[],
  t: number,
  author: Actor,
  isAnswerable: boolean,
): { firstResponse: string | null; answer: number | null } {
  const { r, cap, later, pick, user, maintainer, community } = d;
  if (r() >= 0.8) return { firstResponse: null, answer: null };
  const byTeam = r() < 0.5;
  const firstResponse = iso(cap(later(t, 14)));
  let responder = byTeam ? maintainer() : user();
  // A response is someone else's: the author answering themself is not one.
  while (responder!.login === author?.login) responder = byTeam ? maintainer() : user();
  comments.push({
    author: responder,
    authorAssociation: byTeam ? pick(['MEMBER', 'OWNER']) : community(),
    at: firstResponse,
  });
  const candidates = [comments.length - 1];
  if (r() < 0.5) {
    const byTeamToo = r() < 0.4;
    comments.push({
      author: byTeamToo ? maintainer() : user(),
      authorAssociation: byTeamToo ? 'MEMBER' : community(),
      at: iso(cap(later(Date.parse(firstResponse), 10))),
    });
    candidates.push(comments.length - 1);
  }
  const answer = isAnswerable && r() < 0.65 ? pick(candidates) : null;
  return { firstResponse, answer };
}

/** The schema's part for discussions (GitHub's names and types). */
export const DISCUSSION_SDL = /* GraphQL */ `
  enum DiscussionOrderField {
    CREATED_AT
    UPDATED_AT
  }
  input DiscussionOrder {
    field: DiscussionOrderField!
    direction: OrderDirection!
  }
  type DiscussionCategory {
    name: String!
    isAnswerable: Boolean!
  }
  type DiscussionComment {
    author: Actor
    authorAssociation: CommentAuthorAssociation!
    createdAt: DateTime!
    isAnswer: Boolean!
  }
  type DiscussionCommentConnection {
    totalCount: Int!
    nodes: [DiscussionComment]
  }
  type Discussion {
    number: Int!
    title: String!
    createdAt: DateTime!
    updatedAt: DateTime!
    author: Actor
    authorAssociation: CommentAuthorAssociation!
    category: DiscussionCategory!
    isAnswered: Boolean
    answer: DiscussionComment
    answerChosenAt: DateTime
    comments(first: Int, after: String): DiscussionCommentConnection!
  }
  type DiscussionConnection {
    totalCount: Int!
    pageInfo: PageInfo!
    nodes: [Discussion]
  }
`;

export const discussionKey = (d: DiscussionData) =>
  `${d.updatedAt}|${String(d.number).padStart(9, '0')}`;

type ActorJson = { __typename: string; login: string } | null;

/** One discussion as the resolvers hand it to graphql-js. */
export function discussionNode(d: DiscussionData, actor: (a: Actor) => ActorJson) {
  const comment = (c: DiscussionCommentData, i: number) => ({
    author: actor(c.author),
    authorAssociation: c.authorAssociation,
    createdAt: c.at,
    isAnswer: i === d.answer,
  });
  return {
    number: d.number,
    title: d.title,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    author: actor(d.author),
    authorAssociation: d.authorAssociation,
    category: d.category,
    isAnswered: d.category.isAnswerable ? d.answer !== null : null,
    answer: d.answer === null ? null : comment(d.comments[d.answer]!, d.answer),
    answerChosenAt: d.answerChosenAt,
    comments: ({ first }: { first?: number }) => ({
      totalCount: d.comments.length,
      nodes: d.comments.slice(0, first ?? 30).map(comment),
    }),
  };
}
