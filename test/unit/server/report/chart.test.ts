import { expect, test } from 'vitest';
import { axisScale, dateLabel, svgChart } from '../../../../server/report/chart.js';

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('a ratio’s chart reads in percent: axis title, ticks and target, as on the dashboard', () => {
  const svg = svgChart({
    label: 'Issue closure ratio (90 days)',
    unit: 'ratio',
    kind: 'window',
    interval: 'week',
    points: [
      { t: '2026-07-06', v: 0.52 },
      { t: '2026-07-13', v: 0.55 },
      { t: '2026-07-20', v: 0.58 },
    ],
    target: 0.6,
    direction: 'at_least',
    firstDay: '2026-07-06',
    lastDay: '2026-07-26',
  });
  const labels = texts(svg);
  expect(labels).toContain('percent');
  expect(labels).toContain('target ≥ 60%');
  const ticks = labels.filter((t) => /^\d+$/.test(t!)).map(Number);
  expect(Math.min(...ticks)).toBeLessThanOrEqual(52);
  expect(Math.max(...ticks)).toBeGreaterThanOrEqual(60);
  expect(Math.max(...ticks)).toBeLessThanOrEqual(100);
});

test('the x axis places every date in its year: a 2025 quarter read in 2026 says 2025', () => {
  const weeks = Array.from({ length: 14 }, (_, i) => ({
    t: new Date(Date.UTC(2024, 11, 30 + 7 * i)).toISOString().slice(0, 10),
    v: 100 + i,
  }));
  const chart = (points: typeof weeks, interval: 'week' | 'month') =>
    texts(
      svgChart({
        label: 'GitHub stars',
        unit: 'count',
        kind: 'level',
        interval,
        points,
        target: null,
        direction: 'at_least',
        firstDay: '2025-01-01',
        lastDay: '2025-03-31',
      }),
    ).slice(-3);
  // 2025Q1 by week: its first week starts in 2024, the next label's is 2025.
  expect(chart(weeks, 'week')).toEqual(['Dec 30, 2024', 'Feb 10, 2025', 'Mar 31']);
  // Within one year, the year once.
  const july = ['2025-07-07', '2025-07-14', '2025-07-21'].map((t) => ({ t, v: 5 }));
  expect(chart(july, 'week')).toEqual(['Jul 7, 2025', 'Jul 14', 'Jul 21']);
  // By month "Jan 2025", never "Jan 25", which reads as a day.
  const months = ['2025-01-01', '2025-02-01', '2025-03-01'].map((t) => ({ t, v: 5 }));
  expect(chart(months, 'month')).toEqual(['Jan 2025', 'Feb 2025', 'Mar 2025']);
  expect(dateLabel('2026-01-05', 'week', '2025-12-29')).toBe('Jan 5, 2026');
  expect(dateLabel('2026-01-12', 'week', '2026-01-05')).toBe('Jan 12');
});

test('hours read as days past two days; other units as they are', () => {
  expect(axisScale('hours', 30)).toEqual({ divisor: 1, title: 'hours' });
  expect(axisScale('hours', 60)).toEqual({ divisor: 24, title: 'days' });
  expect(axisScale('people', 60)).toEqual({ divisor: 1, title: 'people' });
});

test.each([
  // The demo's time to first response: 15–24 h in steps of 2.5 read "18" and "23" where the
  // grid lines stand at 17.5 and 22.5.
  {
    points: [15.1, 17.6, 16.1],
    target: 24,
    unit: 'hours',
    want: ['15', '17.5', '20', '22.5', '25'],
  },
  {
    points: [10_000, 10_400],
    target: null,
    unit: 'count',
    want: ['10K', '10.1K', '10.2K', '10.3K', '10.4K'],
  },
  {
    points: [10_000, 11_000],
    target: null,
    unit: 'count',
    want: ['10K', '10.25K', '10.5K', '10.75K', '11K'],
  },
  {
    points: [400, 1_200],
    target: null,
    unit: 'people',
    want: ['400', '600', '800', '1,000', '1,200'],
  },
  // The demo's stars: "7,000 … 9,000" under "10K" and "11K" on one axis.
  {
    points: [7_800, 10_001],
    target: 10_000,
    unit: 'count',
    want: ['7K', '8K', '9K', '10K', '11K'],
  },
  { points: [0, 1_500_000], target: null, unit: 'count', want: ['0', '0.5M', '1M', '1.5M'] },
])(
  'every tick label reads the value its grid line stands at ($want)',
  ({ points, target, unit, want }) => {
    const svg = svgChart({
      label: 'A metric',
      unit,
      kind: 'window',
      interval: 'week',
      points: points.map((v, i) => ({ t: `2026-01-${String(5 + i * 7).padStart(2, '0')}`, v })),
      target,
      direction: 'at_most',
      firstDay: '2026-01-05',
      lastDay: '2026-01-25',
    });
    const ticks = [...svg.matchAll(/<text[^>]*text-anchor="end">([^<]*)<\/text>/g)]
      .map((m) => m[1])
      .filter((t) => !t!.startsWith('target'));
    expect(ticks).toEqual(want);
  },
);
