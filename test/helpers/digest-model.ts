/** A digest model built by hand, for the renderers' unit tests. */
import type {
  DigestKeyResult,
  DigestModel,
  Waiting,
  WaitingList,
} from '../../server/digest/model.js';

export const HOSTILE = '@everyone <!channel> <@123456> & <script> [claim](https://evil.example)';

export const digestKeyResult = (over: Partial<DigestKeyResult> = {}): DigestKeyResult => ({
  objective: 'Grow',
  id: 'stars',
  metric: 'github.stars',
  label: 'Stars',
  unit: 'count',
  direction: 'at_least',
  status: 'on_track',
  current: 120,
  target: 1000,
  forecast: null,
  deadline: null,
  start: null,
  probability: null,
  periods: null,
  baselineFrom: null,
  change: 12,
  noValue: null,
  historyFrom: null,
  url: null,
  ...over,
});

export const waitingItem = (
  number: number,
  days: number,
  over: Partial<Waiting> = {},
): Waiting => ({
  repo: 'acme/rocket',
  number,
  title: `Item ${number}`,
  createdAt: '2026-11-18T00:00:00Z',
  days,
  url: `https://github.com/acme/rocket/issues/${number}`,
  ...over,
});

export const NOTHING_WAITING: WaitingList = {
  total: 0,
  openedInWeek: { items: [], total: 0 },
  longest: [],
  url: null,
};

export const digestModel = (over: Partial<DigestModel> = {}): DigestModel => ({
  project: 'Rocket',
  week: { key: '2026-W47', from: '2026-11-16', to: '2026-11-22', asOf: '2026-11-22' },
  dashboardUrl: null,
  keyResults: [digestKeyResult()],
  newContributors: { logins: [], unlinked: 0 },
  firstMerges: [],
  waitingIssues: NOTHING_WAITING,
  waitingPullRequests: NOTHING_WAITING,
  problems: [],
  ...over,
});

/**
 * The largest digest a project can have, every text hostile and long and every link `url`: what
 * each renderer must fit within its platform's limits.
 */
export function largestDigestModel(keyResults: DigestKeyResult[], url: string): DigestModel {
  const text = (n: number) => `${HOSTILE} ${'x'.repeat(n)}`;
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => waitingItem(i, 900, { title: text(150), url }));
  const waiting = {
    total: 123_456,
    openedInWeek: { items: items(3), total: 12_345 },
    longest: items(2),
    url,
  };
  return digestModel({
    project: text(300),
    dashboardUrl: url,
    keyResults,
    newContributors: {
      logins: Array.from({ length: 500 }, (_, i) => `contributor${i}`),
      unlinked: 12,
    },
    firstMerges: Array.from({ length: 40 }, (_, i) => ({
      repo: 'acme/rocket',
      number: i,
      title: text(20),
      author: 'someone',
      url,
    })),
    waitingIssues: waiting,
    waitingPullRequests: waiting,
    problems: Array.from({ length: 30 }, () => ({
      source: 'github',
      finishedAt: null,
      error: text(10),
    })),
  });
}
