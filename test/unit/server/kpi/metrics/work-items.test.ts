import { describe, expect, test } from 'vitest';
import { computeRollups } from '../../../../../server/kpi/metrics/index.js';
import { rawData, valuesOf } from './fixtures.js';

const pr = (created: string, merged: string | null, reviewed: string | null = null) => ({
  repo_id: 'a',
  created_at: `${created}Z`,
  merged_at: merged && `${merged}Z`,
  closed_at: merged && `${merged}Z`,
  first_review_at: reviewed && `${reviewed}Z`,
});
const issue = (created: string, closed: string | null, responded: string | null = null) => ({
  repo_id: 'a',
  created_at: `${created}Z`,
  closed_at: closed && `${closed}Z`,
  first_response_at: responded && `${responded}Z`,
});

describe('pull request metrics', () => {
  const series = computeRollups(
    rawData({
      repos: [{ id: 'a' }],
      pullRequests: [
        pr('2026-05-01T00:00:00', '2026-05-02T00:00:00', '2026-05-01T02:00:00'),
        pr('2026-05-01T12:00:00', '2026-05-03T00:00:00', '2026-05-01T13:00:00'),
        pr('2026-05-02T00:00:00', null, null),
      ],
    }),
    'UTC',
    '2026-05-03',
  );

  test('opened on the creation day, merged on the merge day', () => {
    expect(valuesOf(series, 'github.prs.opened')).toEqual({
      '2026-05-01': 2,
      '2026-05-02': 1,
      '2026-05-03': 0,
    });
    expect(valuesOf(series, 'github.prs.merged')).toEqual({
      '2026-05-01': 0,
      '2026-05-02': 1,
      '2026-05-03': 1,
    });
  });

  test('merge time percentiles over the PRs merged in the trailing window', () => {
    expect(valuesOf(series, 'github.prs.merge_time.p50')).toEqual({
      '2026-05-01': null,
      '2026-05-02': 24,
      '2026-05-03': 24,
    });
    expect(valuesOf(series, 'github.prs.merge_time.p90')['2026-05-03']).toBe(36);
  });

  test('time to first review counts on the creation day', () => {
    expect(valuesOf(series, 'github.prs.first_review.p50')['2026-05-01']).toBe(1);
  });
});

describe('issue metrics', () => {
  const series = computeRollups(
    rawData({
      repos: [{ id: 'a' }],
      issues: [
        issue('2026-05-01T00:00:00', '2026-05-01T06:00:00', '2026-05-01T03:00:00'),
        issue('2026-05-02T00:00:00', null, '2026-05-02T05:00:00'),
      ],
    }),
    'UTC',
    '2026-05-02',
  );

  test('opened, closed and the medians', () => {
    expect(valuesOf(series, 'github.issues.opened')).toEqual({ '2026-05-01': 1, '2026-05-02': 1 });
    expect(valuesOf(series, 'github.issues.closed')).toEqual({ '2026-05-01': 1, '2026-05-02': 0 });
    expect(valuesOf(series, 'github.issues.close_time.p50')['2026-05-02']).toBe(6);
    expect(valuesOf(series, 'github.issues.first_response.p50')['2026-05-02']).toBe(3);
  });

  test('the same series per repository as for all when there is one repository', () => {
    expect(valuesOf(series, 'github.issues.opened', 'a')).toEqual(
      valuesOf(series, 'github.issues.opened'),
    );
  });
});
