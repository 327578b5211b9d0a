import { describe, expect, test } from 'vitest';
import { BotList } from '../../../collector/github/actors.js';
import { toDiscussionRows, type DiscussionNode } from '../../../collector/github/discussions.js';

const user = (login: string) => ({ __typename: 'User', login });
const bot = (login: string) => ({ __typename: 'Bot', login });

// Shaped as GitHub's GraphQL answers `repository.discussions.nodes` for DISCUSSIONS_QUERY.
const question: DiscussionNode = {
  number: 42,
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-03T09:00:00Z',
  authorAssociation: 'NONE',
  author: user('asker'),
  category: { isAnswerable: true },
  answerChosenAt: '2026-03-03T09:00:00Z',
  answer: {
    createdAt: '2026-03-02T08:00:00Z',
    authorAssociation: 'CONTRIBUTOR',
    author: user('helper'),
  },
  comments: {
    nodes: [
      { createdAt: '2026-03-01T10:05:00Z', author: user('Asker') }, // the author: not a response
      { createdAt: '2026-03-01T10:06:00Z', author: bot('github-actions') }, // a bot: not either
      { createdAt: '2026-03-01T11:00:00Z', author: null }, // a deleted account: nobody
      { createdAt: '2026-03-01T12:00:00Z', author: user('maintainer') },
      { createdAt: '2026-03-02T08:00:00Z', author: user('helper') },
    ],
  },
};

describe('toDiscussionRows', () => {
  test('an answered question: first response by someone else, the answer and its author kept', () => {
    expect(toDiscussionRows('r1', [question], new BotList([]))).toEqual([
      {
        repo_id: 'r1',
        number: 42,
        created_at: '2026-03-01T10:00:00Z',
        updated_at: '2026-03-03T09:00:00Z',
        author: 'asker',
        author_association: 'NONE',
        author_is_bot: 0,
        answerable: 1,
        first_response_at: '2026-03-01T12:00:00Z',
        answer_at: '2026-03-02T08:00:00Z',
        answer_chosen_at: '2026-03-03T09:00:00Z',
        answer_author: 'helper',
        answer_association: 'CONTRIBUTOR',
      },
    ]);
  });

  test('not answerable, unanswered, opened by a bot', () => {
    const [row] = toDiscussionRows(
      'r1',
      [
        {
          ...question,
          author: bot('release-drafter'),
          category: { isAnswerable: false },
          answer: null,
          answerChosenAt: null,
          comments: { nodes: [] },
        },
      ],
      new BotList([]),
    );
    expect(row).toMatchObject({
      author: null,
      author_is_bot: 1,
      answerable: 0,
      first_response_at: null,
      answer_at: null,
      answer_chosen_at: null,
      answer_author: null,
      answer_association: null,
    });
  });

  test('an answer by a configured bot or a deleted account has no author that counts', () => {
    const byBot = { ...question, answer: { ...question.answer!, author: user('helper') } };
    const byGhost = { ...question, number: 43, answer: { ...question.answer!, author: null } };
    const rows = toDiscussionRows('r1', [byBot, byGhost], new BotList(['helper']));
    expect(rows.map((r) => [r.answer_author, r.answer_chosen_at])).toEqual([
      [null, '2026-03-03T09:00:00Z'],
      [null, '2026-03-03T09:00:00Z'],
    ]);
  });
});
