import { Type, type Static } from 'typebox';

export const WaitingQuery = Type.Object(
  {
    /** How many of each kind to list (the totals count them all). */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const WaitingItem = Type.Object({
  kind: Type.Enum(['issue', 'pull_request']),
  repo: Type.String(),
  number: Type.Integer(),
  title: Type.String(),
  createdAt: Type.String(),
  /** The issue or pull request on GitHub. */
  url: Type.String(),
});
export type WaitingItem = Static<typeof WaitingItem>;

export const WaitingResponse = Type.Object({
  /** Open issues and ready pull requests nobody but their author has answered, oldest first. */
  items: Type.Array(WaitingItem),
  totals: Type.Object({ issues: Type.Integer(), pullRequests: Type.Integer() }),
});
export type WaitingResponse = Static<typeof WaitingResponse>;
