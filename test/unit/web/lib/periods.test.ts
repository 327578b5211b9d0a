import { describe, expect, test } from 'vitest';
import {
  axisLabel,
  isRunning,
  periodLabel,
  previousRange,
  quarterRange,
  recentQuarters,
  resolveRange,
} from '../../../../web/src/lib/periods.js';

test.each([
  ['2026-11-01', 'month', 'Nov 2026'],
  ['2026-11-16', 'week', 'Week of Nov 16, 2026'],
  ['2026-11-23', 'day', 'Nov 23, 2026'],
] as const)('the period from %s by %s is labelled %s', (t, interval, label) => {
  expect(periodLabel(t, interval)).toBe(label);
});

test('axis labels are short', () => {
  expect(axisLabel('2026-11-01', 'month')).toBe('Nov 2026');
  expect(axisLabel('2026-11-16', 'week')).toBe('Nov 16');
});

test.each([
  ['2026-11-23', 'day', '2026-11-23', true],
  ['2026-11-22', 'day', '2026-11-23', false],
  ['2026-11-23', 'week', '2026-11-29', true],
  ['2026-11-16', 'week', '2026-11-23', false],
  ['2026-11-01', 'month', '2026-11-30', true],
  ['2026-10-01', 'month', '2026-11-01', false],
  ['2024-02-01', 'month', '2024-02-29', true],
] as const)('%s by %s is running on %s: %s', (t, interval, today, running) => {
  expect(isRunning(t, interval, today)).toBe(running);
});

describe('ranges', () => {
  test.each([
    ['2026Q1', '2026-01-01', '2026-03-31'],
    ['2024Q1', '2024-01-01', '2024-03-31'],
    ['2026Q4', '2026-10-01', '2026-12-31'],
  ])('%s runs %s to %s', (q, from, to) => {
    expect(quarterRange(q)).toEqual({ from, to });
  });

  test('bad quarters are null', () => {
    expect(quarterRange('2026Q5')).toBeNull();
    expect(quarterRange('Q1')).toBeNull();
  });

  test('recent quarters cross the year', () => {
    expect(recentQuarters('2026-02-10', 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
  });

  const q = (s: string) => new URLSearchParams(s);
  test.each([
    ['', { from: '2025-11-24', to: '2026-11-23', label: 'last year' }],
    ['range=30d', { from: '2026-10-25', to: '2026-11-23', label: 'last 30 days' }],
    ['range=all', { from: undefined, to: '2026-11-23', label: 'all time' }],
    ['range=2026Q1', { from: '2026-01-01', to: '2026-03-31', label: '2026 Q1' }],
    [
      'range=custom&from=2026-02-01&to=2026-02-10',
      { from: '2026-02-01', to: '2026-02-10', label: '2026-02-01 to 2026-02-10' },
    ],
    [
      'range=custom&from=2026-03-01&to=2026-02-10',
      { from: '2025-11-24', to: '2026-11-23', label: 'last year' },
    ],
    ['range=nonsense', { from: '2025-11-24', to: '2026-11-23', label: 'last year' }],
  ])('?%s resolves to %o', (search, range) => {
    expect(resolveRange(q(search), '2026-11-23')).toEqual(range);
  });

  test('the previous range has the same length and ends the day before', () => {
    expect(previousRange('2026-02-11', '2026-02-20')).toEqual({
      from: '2026-02-01',
      to: '2026-02-10',
    });
    expect(previousRange('2024-03-01', '2024-03-01')).toEqual({
      from: '2024-02-29',
      to: '2024-02-29',
    });
  });
});
