import { describe, expect, test } from 'vitest';
import {
  discussionSeries,
  isTeamByAssociation,
  windowShare,
  type DiscussionFacts,
} from '../../../../server/kpi/discussions.js';

const base: DiscussionFacts = {
  created_at: '2026-03-01T10:00:00Z',
  author: 'asker',
  author_is_bot: 0,
  answerable: 1,
  first_response_at: null,
  answer_chosen_at: null,
  answer_author: null,
  answer_association: null,
};
const d = (over: Partial<DiscussionFacts>): DiscussionFacts => ({ ...base, ...over });
const last = (points: { v: number | null }[]) => points.at(-1)!.v;

describe('discussionSeries', () => {
  test('opened per day leaves bots out', () => {
    const s = discussionSeries(
      [d({}), d({ author_is_bot: 1 }), d({ created_at: '2026-03-02T01:00:00Z' })],
      'UTC',
      '2026-03-01',
      '2026-03-02',
    );
    expect(s.opened).toEqual([
      { t: '2026-03-01', v: 1 },
      { t: '2026-03-02', v: 1 },
    ]);
  });

  test('answered share: answered ÷ answerable opened in the trailing 90 days', () => {
    const rows = [
      d({
        answer_chosen_at: '2026-03-02T00:00:00Z',
        answer_author: 'x',
        answer_association: 'NONE',
      }),
      d({}),
      d({}),
      d({ answerable: 0 }), // an announcement: not a question
      d({
        answer_chosen_at: '2026-03-02T00:00:00Z',
        answer_author: 'y',
        answer_association: 'MEMBER',
      }),
    ];
    const s = discussionSeries(rows, 'UTC', '2026-03-01', '2026-03-01');
    expect(last(s.answeredShare)).toBe(2 / 4);
    expect(last(s.communityAnswerShare)).toBe(1 / 2);
  });

  test('an answer by a bot or a deleted account is answered, but nobody’s', () => {
    const rows = [
      d({
        answer_chosen_at: '2026-03-02T00:00:00Z',
        answer_author: null,
        answer_association: 'NONE',
      }),
      d({
        answer_chosen_at: '2026-03-02T00:00:00Z',
        answer_author: 'x',
        answer_association: 'CONTRIBUTOR',
      }),
    ];
    const s = discussionSeries(rows, 'UTC', '2026-03-01', '2026-03-01');
    expect(last(s.answeredShare)).toBe(1);
    expect(last(s.communityAnswerShare)).toBe(1);
  });

  test('a team predicate decides who the community is', () => {
    const rows = [
      d({
        answer_chosen_at: '2026-03-02T00:00:00Z',
        answer_author: 'Lead',
        answer_association: 'CONTRIBUTOR',
      }),
    ];
    const byLogin = (login: string) => login.toLowerCase() === 'lead';
    expect(
      last(discussionSeries(rows, 'UTC', '2026-03-01', '2026-03-01').communityAnswerShare),
    ).toBe(1);
    expect(
      last(discussionSeries(rows, 'UTC', '2026-03-01', '2026-03-01', byLogin).communityAnswerShare),
    ).toBe(0);
  });

  test('empty windows are null, never 0', () => {
    const s = discussionSeries([d({ answerable: 0 })], 'UTC', '2026-03-01', '2026-03-01');
    expect(s.answeredShare).toEqual([{ t: '2026-03-01', v: null }]);
    expect(s.communityAnswerShare).toEqual([{ t: '2026-03-01', v: null }]);
    expect(s.firstResponseP50).toEqual([{ t: '2026-03-01', v: null }]);
  });

  test('first response p50: hours to the first response, nearest rank', () => {
    const rows = [
      d({ first_response_at: '2026-03-01T12:00:00Z' }), // 2 h
      d({ first_response_at: '2026-03-02T10:00:00Z' }), // 24 h
      d({ first_response_at: '2026-03-01T11:00:00Z' }), // 1 h
      d({}), // still waiting: not in the sample
    ];
    const s = discussionSeries(rows, 'UTC', '2026-03-01', '2026-03-01');
    expect(last(s.firstResponseP50)).toBe(2);
  });

  test('a discussion leaves the windows after 90 days', () => {
    const rows = [d({ answer_chosen_at: '2026-03-02T00:00:00Z', answer_author: 'x' })];
    const s = discussionSeries(rows, 'UTC', '2026-05-29', '2026-05-30');
    expect(s.answeredShare.map((p) => p.v)).toEqual([1, null]); // 03-01 + 89 days = 05-29
  });
});

describe('isTeamByAssociation', () => {
  test.each([
    ['OWNER', true],
    ['MEMBER', true],
    ['COLLABORATOR', true],
    ['CONTRIBUTOR', false],
    ['FIRST_TIME_CONTRIBUTOR', false],
    ['NONE', false],
    [null, false],
  ])('%s → %s', (association, team) => {
    expect(isTeamByAssociation('someone', association)).toBe(team);
  });
});

describe('windowShare', () => {
  test('counts parts and wholes inside the window only', () => {
    const points = windowShare(
      ['2026-01-01'],
      ['2026-01-01', '2026-01-03'],
      '2026-01-01',
      '2026-01-05',
      3,
    );
    expect(points.map((p) => p.v)).toEqual([1, 1, 0.5, 0, 0]);
  });
});
