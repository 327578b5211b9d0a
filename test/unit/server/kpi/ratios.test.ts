import { describe, expect, test } from 'vitest';
import {
  acceptanceRate,
  acceptanceRateOfDays,
  closureRatio,
  closureRatioOfDays,
  contributingShare,
} from '../../../../server/kpi/ratios.js';
import type { Point } from '../../../../server/kpi/series.js';

const values = (points: Point[]) => points.map((p) => p.v);
const pr = (mergedDay: string | null, closedDay: string | null) => ({ mergedDay, closedDay });

describe('acceptanceRate: merged ÷ (merged + closed unmerged) in the window', () => {
  test.each([
    ['nothing decided yet', [pr(null, null)], [null, null, null]],
    ['one merged', [pr('2026-03-02', '2026-03-02')], [null, 1, 1]],
    [
      'one merged, one closed unmerged',
      [pr('2026-03-01', '2026-03-01'), pr(null, '2026-03-03')],
      [1, 1, 0.5],
    ],
    ['only rejected', [pr(null, '2026-03-01')], [0, 0, 0]],
    [
      'the merge day counts, not the close day (a merged PR closes when merged)',
      [pr('2026-03-02', '2026-03-03')],
      [null, 1, 1],
    ],
  ])('%s', (_, prs, expected) => {
    expect(values(acceptanceRate(prs, '2026-03-01', '2026-03-03'))).toEqual(expected);
  });
  test('a decision leaves the window after its days (here 2)', () => {
    const points = acceptanceRate(
      [pr('2026-03-01', '2026-03-01'), pr(null, '2026-03-02')],
      '2026-03-01',
      '2026-03-04',
      2,
    );
    expect(values(points)).toEqual([1, 0.5, 0, null]);
  });
  test('decisions before `from` count while in the window', () => {
    const points = acceptanceRate([pr('2026-02-28', '2026-02-28')], '2026-03-01', '2026-03-01', 90);
    expect(values(points)).toEqual([1]);
  });
  test('the default window is 90 days, across a leap day', () => {
    const points = acceptanceRate([pr('2028-01-01', '2028-01-01')], '2028-03-30', '2028-03-31');
    // 2028-01-01 + 89 days = 2028-03-30 (29 days in February)
    expect(values(points)).toEqual([1, null]);
  });
});

test('from lists of days, the ratios equal those from an object per item', () => {
  const prs = [pr('2026-03-01', '2026-03-01'), pr(null, '2026-03-02'), pr(null, null)];
  expect(
    acceptanceRateOfDays(
      ['2026-03-01'],
      ['2026-03-01', '2026-03-02'],
      '2026-03-01',
      '2026-03-04',
      2,
    ),
  ).toEqual(acceptanceRate(prs, '2026-03-01', '2026-03-04', 2));
  const issues = [
    { openedDay: '2026-02-27', closedDay: '2026-03-02' },
    { openedDay: '2026-03-01', closedDay: null },
  ];
  expect(
    closureRatioOfDays(['2026-02-27', '2026-03-01'], ['2026-03-02'], '2026-03-01', '2026-03-03', 3),
  ).toEqual(closureRatio(issues, '2026-03-01', '2026-03-03', 3));
});

describe('closureRatio: closed ÷ opened in the window', () => {
  const issue = (openedDay: string, closedDay: string | null) => ({ openedDay, closedDay });
  test.each([
    ['none opened', [], [null, null]],
    ['opened, none closed', [issue('2026-03-01', null)], [0, 0]],
    ['opened and closed', [issue('2026-03-01', '2026-03-02')], [0, 1]],
    [
      'an old issue closed now: above 1',
      [issue('2025-01-01', '2026-03-02'), issue('2026-03-01', '2026-03-02')],
      [0, 2],
    ],
  ])('%s', (_, issues, expected) => {
    expect(values(closureRatio(issues, '2026-03-01', '2026-03-02'))).toEqual(expected);
  });
});

describe('contributingShare: people who forked with a contribution ÷ people who forked', () => {
  const person = (forked: string, contributed: string | null = null) => ({ forked, contributed });
  test.each([
    ['no forks', [], [null, null, null]],
    ['one person who never contributes', [person('2026-03-01')], [0, 0, 0]],
    [
      'a person who contributes a day after forking',
      [person('2026-03-01', '2026-03-02')],
      [0, 1, 1],
    ],
    ['a contributor who forks', [person('2026-03-02', '2025-12-01')], [null, 1, 1]],
    [
      'people who forked before the range count',
      [person('2026-01-01', '2025-12-01'), person('2026-02-01')],
      [0.5, 0.5, 0.5],
    ],
  ])('%s', (_, people, expected) => {
    expect(values(contributingShare(people, '2026-03-01', '2026-03-03'))).toEqual(expected);
  });

  // Ann forked and contributed early; Bob forked early and contributes on 03-03; Cid forks on 03-04.
  const people = [
    person('2026-01-10', '2026-01-05'),
    person('2026-02-01', '2026-03-03'),
    person('2026-03-04'),
  ];
  const whole = contributingShare(people, '2026-03-01', '2026-03-05');

  test('the counts at the end of the day to keep are handed over', () => {
    let kept: unknown = null;
    const resume = { from: null, capture: { day: '2026-03-02', save: (s: unknown) => (kept = s) } };
    expect(contributingShare(people, '2026-03-01', '2026-03-05', resume)).toEqual(whole);
    // Ann and Bob forked by then, only Ann contributes.
    expect(kept).toEqual([2, 1]);
  });

  test('resumed from kept counts, only what happened after their day counts', () => {
    // Listed again (as a refresh may list them): Ann, whose fork and contribution are in the counts,
    // and Bob, whose fork is in them and whose contribution (03-03) is not.
    const resume = { from: { day: '2026-03-02', state: [2, 1] }, capture: null };
    expect(contributingShare(people, '2026-03-03', '2026-03-05', resume)).toEqual(whole.slice(2));
    expect(values(whole.slice(2))).toEqual([1, 2 / 3, 2 / 3]);
  });

  test('resumed from counts kept earlier, the counts of a later day are handed over', () => {
    let kept: unknown = null;
    const resume = {
      from: { day: '2026-03-01', state: [2, 1] },
      capture: { day: '2026-03-03', save: (s: unknown) => (kept = s) },
    };
    expect(contributingShare(people, '2026-03-04', '2026-03-05', resume)).toEqual(whole.slice(3));
    expect(kept).toEqual([2, 2]);
  });
});
