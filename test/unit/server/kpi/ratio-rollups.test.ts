import { describe, expect, test } from 'vitest';
import { computeRatioRollups, type RatioData } from '../../../../server/kpi/ratio-rollups.js';

const data: RatioData = {
  repos: [{ id: 'r1' }, { id: 'r2' }],
  pullRequests: [
    { repo_id: 'r1', merged_at: '2026-03-01T10:00:00Z', closed_at: '2026-03-01T10:00:00Z' },
    { repo_id: 'r2', merged_at: null, closed_at: '2026-03-02T10:00:00Z' },
    { repo_id: 'r2', merged_at: null, closed_at: null },
  ],
  issues: [
    { repo_id: 'r1', created_at: '2026-03-01T10:00:00Z', closed_at: '2026-03-02T10:00:00Z' },
    { repo_id: 'r1', created_at: '2026-03-02T10:00:00Z', closed_at: null },
  ],
  forks: [
    { repo_id: 'r1', owner: 'ann', owner_type: 'User', created_at: '2026-03-01T10:00:00Z' },
    { repo_id: 'r2', owner: 'ann', owner_type: 'User', created_at: '2026-03-01T10:00:00Z' },
    { repo_id: 'r2', owner: 'cid', owner_type: 'User', created_at: '2026-03-02T10:00:00Z' },
  ],
  contributions: [{ repo_id: 'r1', contributor: 'ann', at: '2026-03-02T23:30:00Z' }],
};

const last = (metric: string, scope: string, zone = 'UTC') =>
  computeRatioRollups(data, zone, '2026-03-03')
    .find((s) => s.metric === metric && s.scope === scope)
    ?.points.at(-1)?.v;

describe('computeRatioRollups', () => {
  test.each([
    ['github.prs.acceptance_rate', 'all', 0.5],
    ['github.prs.acceptance_rate', 'r1', 1],
    ['github.prs.acceptance_rate', 'r2', 0],
    ['github.issues.closure_ratio', 'all', 0.5],
    ['github.issues.closure_ratio', 'r2', undefined], // no issues: no series
    ['github.forks.contributing_share', 'all', 0.5], // ann contributed, cid did not
    ['github.forks.contributing_share', 'r1', 1],
    ['github.forks.contributing_share', 'r2', 0], // ann contributed to r1, not r2
  ])('%s for %s', (metric, scope, expected) => {
    expect(last(metric, scope)).toBe(expected);
  });
  test('days are the project’s: 23:30 UTC is the next day in Berlin', () => {
    const series = computeRatioRollups(data, 'Europe/Berlin', '2026-03-03').find(
      (s) => s.metric === 'github.forks.contributing_share' && s.scope === 'r1',
    )!;
    expect(series.points).toEqual([
      { t: '2026-03-01', v: 0 },
      { t: '2026-03-02', v: 0 },
      { t: '2026-03-03', v: 1 },
    ]);
  });
});
