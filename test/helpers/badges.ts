/** Data for the badge and chart tests: a year of manual values and two key results on them. */
import type { Objective } from '../../config/load.js';
import { upsertManualValue } from '../../db/queries/manual.js';
import { addDays } from '../../shared/dates.js';
import { refreshDailyMetrics } from '../../server/metrics/refresh.js';
import type { OpenTestDatabase } from './databases.js';
import { keyResult } from './okrs.js';

export const BADGE_NOW = new Date('2026-11-01T12:00:00Z');
const NOW = BADGE_NOW;
export const BADGE_HOSTILE = '<script>alert(1)</script> & "quoted" \'it\'';
const HOSTILE = BADGE_HOSTILE;
export const BADGE_OKRS: Objective[] = [
  {
    objective: 'Revenue',
    keyResults: [
      keyResult('arr', 'manual.arr', 2000, { label: HOSTILE, unit: 'USD' }),
      keyResult('downloads', 'manual.downloads', 100, { label: 'Downloads' }),
    ],
  },
];

/** A year of manual values: arr grows 1000 → 1365, downloads reach 120 (achieved). */
export async function seedBadgeData(db: OpenTestDatabase['db']): Promise<void> {
  for (let i = 0; i < 365; i += 7) {
    const at = addDays('2025-11-02', i);
    for (const [metric, value] of [
      ['manual.arr', 1000 + i],
      ['manual.downloads', Math.round((120 * i) / 364)],
    ] as const)
      await upsertManualValue(db, {
        metric,
        at,
        value,
        recorded_at: NOW.toISOString(),
        source: 'cli',
      });
  }
  await upsertManualValue(db, {
    metric: 'manual.downloads',
    at: '2026-11-01',
    value: 120,
    recorded_at: NOW.toISOString(),
    source: 'cli',
  });
  await refreshDailyMetrics(db, 'UTC', NOW);
}
