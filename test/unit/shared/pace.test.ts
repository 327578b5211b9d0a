import { expect, test } from 'vitest';
import { forecastOn, paceOn } from '../../../shared/pace.js';

const line = { start: '2026-01-01', deadline: '2026-01-11', baseline: 100, target: 200 };

test.each([
  ['2025-12-01', 100],
  ['2026-01-01', 100],
  ['2026-01-06', 150],
  ['2026-01-11', 200],
  ['2026-02-01', 200],
])('a steady pace stands on %s at %s', (day, value) => {
  expect(paceOn(line, day)).toBe(value);
});

test('a deadline on the start day is already due', () => {
  expect(paceOn({ ...line, deadline: line.start }, line.start)).toBe(200);
});

test('the forecast line runs from today’s value to the forecast at the deadline', () => {
  const forecast = { from: '2026-01-01', deadline: '2026-01-05', current: 10, forecast: 30 };
  expect(forecastOn(forecast, '2026-01-01')).toBe(10);
  expect(forecastOn(forecast, '2026-01-03')).toBe(20);
  expect(forecastOn(forecast, '2026-03-01')).toBe(30);
});
