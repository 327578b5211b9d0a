import { expect, test } from 'vitest';
import { axisScale, svgChart } from '../../../../server/report/chart.js';

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

test('hours read as days past two days; other units as they are', () => {
  expect(axisScale('hours', 30)).toEqual({ divisor: 1, title: 'hours' });
  expect(axisScale('hours', 60)).toEqual({ divisor: 24, title: 'days' });
  expect(axisScale('people', 60)).toEqual({ divisor: 1, title: 'people' });
});
