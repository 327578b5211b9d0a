import { describe, expect, test } from 'vitest';
import { computeRollups } from '../../../../../server/kpi/metrics/index.js';
import { ratioMetrics } from '../../../../../server/kpi/metrics/ratios.js';
import { rawData, valuesOf } from './fixtures.js';

const data = rawData({
  repos: [{ id: 'r1' }, { id: 'r2' }],
  pullRequests: [
    {
      repo_id: 'r1',
      created_at: '2026-02-01T00:00:00Z',
      merged_at: '2026-03-01T10:00:00Z',
      closed_at: '2026-03-01T10:00:00Z',
      first_review_at: null,
    },
    {
      repo_id: 'r2',
      created_at: '2026-02-01T00:00:00Z',
      merged_at: null,
      closed_at: '2026-03-02T10:00:00Z',
      first_review_at: null,
    },
    {
      repo_id: 'r2',
      created_at: '2026-02-01T00:00:00Z',
      merged_at: null,
      closed_at: null,
      first_review_at: null,
    },
  ],
  issues: [
    {
      repo_id: 'r1',
      created_at: '2026-03-01T10:00:00Z',
      closed_at: '2026-03-02T10:00:00Z',
      first_response_at: null,
    },
    { repo_id: 'r1', created_at: '2026-03-02T10:00:00Z', closed_at: null, first_response_at: null },
  ],
  // Ann forked both on 03-01 and contributed to r1 on 03-02 (23:30 UTC); Cid forked r2 on 03-02.
  forks: {
    scopes: ['r1', 'r2', 'all'].map((scope) => ({
      scope,
      first_forked_at: '2026-03-01T10:00:00Z',
    })),
    owners: [
      { scope: 'r1', forked_at: '2026-03-01T10:00:00Z', contributed_at: '2026-03-02T23:30:00Z' },
      { scope: 'r2', forked_at: '2026-03-01T10:00:00Z', contributed_at: null },
      { scope: 'r2', forked_at: '2026-03-02T10:00:00Z', contributed_at: null },
      { scope: 'all', forked_at: '2026-03-01T10:00:00Z', contributed_at: '2026-03-02T23:30:00Z' },
      { scope: 'all', forked_at: '2026-03-02T10:00:00Z', contributed_at: null },
    ],
  },
  contributions: [{ repo_id: 'r1', contributor: 'ann', at: '2026-03-02T23:30:00Z' }],
});

describe('the ratio metrics in the registry', () => {
  const series = computeRollups(data, 'UTC', '2026-03-03', ratioMetrics);
  test.each([
    ['github.prs.acceptance_rate', 'all', 0.5],
    ['github.prs.acceptance_rate', 'r1', 1],
    ['github.prs.acceptance_rate', 'r2', 0],
    ['github.issues.closure_ratio', 'all', 0.5],
    ['github.issues.closure_ratio', 'r2', undefined], // no issues: no series
    ['github.forks.contributing_share', 'all', 0.5], // ann contributed, cid did not
    ['github.forks.contributing_share', 'r1', 1],
    ['github.forks.contributing_share', 'r2', 0], // ann contributed to r1, not r2
  ])('%s for %s on the last day', (metric, scope, expected) => {
    expect(valuesOf(series, metric, scope)['2026-03-03']).toBe(expected);
  });
  test('days are the project’s: 23:30 UTC is the next day in Berlin', () => {
    const berlin = computeRollups(data, 'Europe/Berlin', '2026-03-03', ratioMetrics);
    expect(valuesOf(berlin, 'github.forks.contributing_share', 'r1')).toEqual({
      '2026-03-01': 0,
      '2026-03-02': 0,
      '2026-03-03': 1,
    });
  });
  test('units are ratios', () => {
    expect(ratioMetrics.map((m) => m.unit)).toEqual(['ratio', 'ratio', 'ratio']);
  });
});
