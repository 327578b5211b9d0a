import { Type, type Static } from 'typebox';

const KINDS = ['issue', 'pull_request'] as const;

export const WaitingQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 500,
        description:
          'How many items to list, issues and pull requests together, oldest first (default 100)',
      }),
    ),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 1_000_000,
        description:
          'How many of the oldest to skip (default 0): the next page is at offset + limit',
      }),
    ),
    kind: Type.Optional(Type.Enum(KINDS, { description: 'Only issues, or only pull requests' })),
    repo: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z0-9-]+/[A-Za-z0-9._-]+$',
        maxLength: 200,
        description: 'Only this tracked repository (owner/name)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type WaitingQuery = Static<typeof WaitingQuery>;

export const WaitingItem = Type.Object({
  kind: Type.Enum(KINDS),
  repo: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  createdAt: Type.String(),
  /** The issue or pull request on GitHub. */
  url: Type.String(),
});
export type WaitingItem = Static<typeof WaitingItem>;

export const WaitingResponse = Type.Object({
  /**
   * Open issues and ready pull requests nobody but their author has answered, oldest first: the
   * page of `matching` from `offset` on, at most `limit`.
   */
  items: Type.Array(WaitingItem),
  /** How many of each kind wait, in `repo` if asked for, else in all (`kind` does not narrow them). */
  totals: Type.Object({ issues: Type.Integer(), pullRequests: Type.Integer() }),
  /** How many items the filters select: the list `offset` and `limit` page through. */
  matching: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
});
export type WaitingResponse = Static<typeof WaitingResponse>;
