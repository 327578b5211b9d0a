import { describe, expect, test } from 'vitest';
import { joinLinked, waitedText } from '../../../../server/digest/text.js';

describe('waitedText', () => {
  test.each([
    [0, 'under a day'],
    [1, '1 day'],
    [13, '13 days'],
    [14, '2 weeks'],
    [60, '8 weeks'],
    [61, '2 months'],
    [400, '13 months'],
    [730, '23 months'],
    [731, '2 years'],
    [1100, '3 years'],
  ])('%i days: %s', (days, text) => {
    expect(waitedText(days)).toBe(text);
  });
});

describe('joinLinked', () => {
  const render = (withLinks: boolean) =>
    ['a', 'b', 'c'].map((x) => (withLinks ? `<https://x.test/${x}|${x}>` : x));

  test('with links when they all fit', () => {
    expect(joinLinked(render, 100)).toBe(render(true).join('\n'));
  });

  test('without links when those would not fit, every item named', () => {
    expect(joinLinked(render, 30)).toBe('a\nb\nc');
  });

  test('cut with "…and N more" when even the plain lines do not fit', () => {
    expect(joinLinked((l) => render(l).map((x) => x.repeat(8)), 20)).toBe('aaaaaaaa\n…and 2 more');
  });
});
