import { describe, expect, test } from 'vitest';
import { formatChange, scaleFor } from '../../../../web/src/lib/scale.js';

describe('scaleFor', () => {
  test('long durations read in days everywhere, axis numbers included', () => {
    const scale = scaleFor('hours', [54.146, 168, null]);
    expect(scale.title).toBe('Days');
    expect(scale.format(54.146)).toBe('2.3 d');
    expect(scale.toAxis(168)).toBe(7);
    expect(scale.tick(7)).toBe('7 d');
    expect(scale.format(null)).toBe('—');
  });

  test('short durations read in hours, one decimal at most', () => {
    const scale = scaleFor('hours', [3.25, 20]);
    expect(scale.title).toBe('Hours');
    expect(scale.format(3.25)).toBe('3.3 h');
    expect(scale.toAxis(20)).toBe(20);
  });

  test.each([
    ['count', 1234, '1,234', 'Count'],
    ['people', 12.5, '12.5', 'People'],
    ['USD', 250000, '250,000 USD', 'USD'],
    ['ratio', 0.425, '42.5%', 'Percent'],
  ])('%s %s reads %s on a "%s" axis', (unit, value, text, title) => {
    const scale = scaleFor(unit, [value]);
    expect(scale.format(value)).toBe(text);
    expect(scale.title).toBe(title);
  });

  test('an empty sample still gives a scale', () => {
    expect(scaleFor('hours', []).title).toBe('Hours');
  });
});

test.each([
  [12, '+12'],
  [-3, '−3'],
  [0, '±0'],
  [null, '—'],
])('a change of %s reads %s', (change, text) => {
  expect(formatChange(scaleFor('count', []), change)).toBe(text);
});
