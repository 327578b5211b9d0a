import { describe, expect, test } from 'vitest';
import {
  computeRollups,
  findMetric,
  METRICS,
  REGISTRY,
} from '../../../../../server/kpi/metrics/index.js';
import { rawData } from './fixtures.js';

describe('the registry', () => {
  const tables = Object.keys(rawData());

  test('ids are unique and every definition is complete', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect(m.label.length, m.id).toBeGreaterThan(0);
      expect(m.source, m.id).toBe(m.id.split('.')[0]);
      expect(m.windowDays !== null, m.id).toBe(m.kind === 'window');
    }
  });

  test('each entry names only tables the refresh loads', () => {
    for (const entry of REGISTRY)
      for (const t of entry.reads) expect(tables, entry.id).toContain(t);
  });

  test('an entry reads only what it declares: with the other tables empty it computes the same', () => {
    const full = rawData({
      repos: [{ id: 'a' }],
      stars: [{ repo_id: 'a', starred_at: '2026-01-01T00:00:00Z', stars: 1 }],
      pullRequests: [
        {
          repo_id: 'a',
          created_at: '2026-01-01T00:00:00Z',
          merged_at: null,
          closed_at: null,
          first_review_at: null,
        },
      ],
      issues: [
        {
          repo_id: 'a',
          created_at: '2026-01-01T00:00:00Z',
          closed_at: null,
          first_response_at: null,
        },
      ],
      contributions: [{ repo_id: 'a', contributor: 'x', at: '2026-01-01T00:00:00Z' }],
      discordMembers: [{ joined_at: '2026-01-01T00:00:00Z', left_at: null }],
    });
    for (const entry of REGISTRY) {
      const only = rawData(Object.fromEntries(entry.reads.map((t) => [t, full[t]])));
      expect(computeRollups(only, 'UTC', '2026-01-02', [entry]), entry.id).toEqual(
        computeRollups(full, 'UTC', '2026-01-02', [entry]),
      );
    }
  });

  test('nothing stored, nothing emitted', () => {
    expect(computeRollups(rawData(), 'UTC', '2026-01-01')).toEqual([]);
  });

  test('manual ids are known by their form, other unknown ids are not', () => {
    expect(findMetric('manual.arr')?.area).toBe('business');
    expect(findMetric('manual.Bad')).toBeUndefined();
    expect(findMetric('github.nope')).toBeUndefined();
  });
});
