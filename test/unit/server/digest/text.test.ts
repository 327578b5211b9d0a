import { describe, expect, test } from 'vitest';
import {
  joinLinked,
  waitedText,
  waitingHeading,
  waitingLines,
  type Markup,
} from '../../../../server/digest/text.js';
import { renderDiscord } from '../../../../server/digest/discord.js';
import { renderSlack } from '../../../../server/digest/slack.js';
import { digestModel, waitingItem } from '../../../helpers/digest-model.js';

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

describe('a waiting list', () => {
  const plain: Markup = { escape: (t) => t, link: (_u, t) => t, italic: (t) => t, bullet: '- ' };
  const list = {
    total: 12_345,
    openedInWeek: { items: [waitingItem(1, 2)], total: 1_204 },
    longest: [waitingItem(2, 900)],
    url: null,
  };

  test('counts with thousands separators, as every other figure in the digest', () => {
    expect(waitingHeading('Issues waiting', list)).toBe(
      'Issues waiting (12,345; 1,204 opened this week)',
    );
    expect(waitingLines(list, plain, false).at(-1)).toBe('…and 12,343 more');
  });
});

test('new contributors: those without a GitHub account are known only by a commit e-mail; counts have separators; both platforms', () => {
  const model = digestModel({ newContributors: { logins: ['ada'], unlinked: 1_205 } });
  const slack = renderSlack(model).blocks.map((b) => b.text?.text ?? '');
  expect(slack).toContain('*New contributors (1,206)*\nada, 1,205 known only by a commit e-mail');
  const field = renderDiscord(model).embeds.flatMap((e) => e.fields ?? [])[0]!;
  expect(field).toEqual({
    name: 'New contributors (1,206)',
    value: 'ada, 1,205 known only by a commit e-mail',
  });
});
