import { expect, test } from 'vitest';
import type { WaitingItem, WaitingResponse } from '../../../../server/schemas/waiting.js';
import {
  kindFromQuery,
  moreText,
  readWaiting,
  shownText,
  totalsText,
  type WaitingFilter,
} from '../../../../web/src/lib/waiting.js';

const ALL: WaitingFilter = { kind: '', repo: '' };

test.each([
  [100, 545, ALL, 'Showing the oldest 100 of 545 waiting items.'],
  [1000, 1234, ALL, 'Showing the oldest 1,000 of 1,234 waiting items.'],
  [545, 545, ALL, 'Showing all 545 waiting items, oldest first.'],
  [1, 1, ALL, 'Showing the one waiting item.'],
  [
    82,
    82,
    { kind: 'pull_request', repo: '' },
    'Showing all 82 waiting pull requests, oldest first.',
  ],
  [
    100,
    463,
    { kind: 'issue', repo: 'acme/core' },
    'Showing the oldest 100 of 463 waiting issues in acme/core.',
  ],
  [1, 1, { kind: 'issue', repo: 'acme/web' }, 'Showing the one waiting issue in acme/web.'],
] as const)('%i shown of %i (%o) reads "%s"', (shown, matching, filter, text) => {
  expect(shownText(shown, matching, filter)).toBe(text);
});

test.each([
  [{ issues: 463, pullRequests: 82 }, '', '463 issues and 82 pull requests have had'],
  [{ issues: 1, pullRequests: 0 }, 'acme/web', '1 issue and 0 pull requests in acme/web has had'],
  [{ issues: 0, pullRequests: 1 }, '', '0 issues and 1 pull request has had'],
  [{ issues: 1200, pullRequests: 3 }, '', '1,200 issues and 3 pull requests have had'],
] as const)('totals %o in "%s" read "%s …"', (totals, repo, start) => {
  expect(totalsText(totals, repo)).toBe(`${start} no answer from anyone but their author.`);
});

test.each([
  [100, 545, 'Show 100 more'],
  [500, 545, 'Show the last 45'],
  [100, 101, 'Show the last 1'],
])('with %i of %i shown the button reads "%s"', (shown, matching, text) => {
  expect(moreText(shown, matching)).toBe(text);
});

test.each([
  ['issue', 'issue'],
  ['pull_request', 'pull_request'],
  ['discussion', ''],
  [null, ''],
] as const)('kind %s in the URL is the filter "%s"', (value, kind) => {
  expect(kindFromQuery(value)).toBe(kind);
});

/** A server of `total` items, numbered by age, answering pages as /api/waiting does. */
function fakeApi(total: number, asked: Record<string, string>[]) {
  const items: WaitingItem[] = Array.from({ length: total }, (_, i) => ({
    kind: 'issue',
    repo: 'acme/core',
    number: i + 1,
    title: `Issue ${i + 1}`,
    createdAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
    url: `https://github.com/acme/core/issues/${i + 1}`,
  }));
  return async (query: Record<string, string>): Promise<WaitingResponse> => {
    asked.push(query);
    const offset = Number(query.offset ?? 0);
    const limit = Number(query.limit);
    return {
      items: items.slice(offset, offset + limit),
      totals: { issues: total, pullRequests: 0 },
      matching: total,
      offset,
      limit,
    };
  };
}

test('up to 500 items are one request with the filters; more are read 500 at a time', async () => {
  const asked: Record<string, string>[] = [];
  const one = await readWaiting(fakeApi(1200, asked), { kind: 'issue', repo: 'acme/core' }, 200);
  expect(asked).toEqual([{ kind: 'issue', repo: 'acme/core', limit: '200' }]);
  expect(one.items.map((i) => i.number)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  expect(one).toMatchObject({ matching: 1200, limit: 200, offset: 0 });

  asked.length = 0;
  const three = await readWaiting(fakeApi(1200, asked), ALL, 1100);
  expect(asked).toEqual([
    { limit: '500' },
    { limit: '500', offset: '500' },
    { limit: '100', offset: '1000' },
  ]);
  expect(three.items.map((i) => i.number)).toEqual(Array.from({ length: 1100 }, (_, i) => i + 1));
});

test('an item read twice (it moved to the next page between two reads) is listed once', async () => {
  const api = fakeApi(700, []);
  const shifted = async (query: Record<string, string>) => {
    const page = await api(query);
    // The second page starts one early, as when an older item was answered meanwhile.
    return query.offset
      ? { ...page, items: [(await api({ limit: '1', offset: '499' })).items[0]!, ...page.items] }
      : page;
  };
  const read = await readWaiting(shifted, ALL, 700);
  expect(read.items.map((i) => i.number)).toEqual(Array.from({ length: 700 }, (_, i) => i + 1));
});
