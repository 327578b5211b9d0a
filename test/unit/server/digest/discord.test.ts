import { describe, expect, test } from 'vitest';
import {
  discordLink,
  DISCORD_LIMITS,
  embedLength,
  renderDiscord,
} from '../../../../server/digest/discord.js';
import {
  digestKeyResult,
  digestModel,
  HOSTILE,
  largestDigestModel,
  waitingItem,
} from '../../../helpers/digest-model.js';

const DASHBOARD = 'https://pulse.example.org';
const field = (model: Parameters<typeof renderDiscord>[0], name: string) =>
  renderDiscord(model)
    .embeds.flatMap((e) => e.fields ?? [])
    .find((f) => f.name.startsWith(name))!;

describe('Discord links', () => {
  test('a key result links to its metric page on the dashboard; without the address, no link', () => {
    const kr = digestKeyResult({ label: 'Stars [core]' });
    const linked = renderDiscord(
      digestModel({
        dashboardUrl: DASHBOARD,
        keyResults: [{ ...kr, url: `${DASHBOARD}/metrics/github.stars?kr=stars` }],
      }),
    );
    expect(linked.embeds[0]!.url).toBe(DASHBOARD);
    expect(linked.embeds[0]!.description).toBe(
      `🟢 **[Stars \\[core\\]](${DASHBOARD}/metrics/github.stars?kr=stars)** 120 (target ≥ 1,000), +12 this week — On track`,
    );
    expect(linked.allowed_mentions).toEqual({ parse: [] });
    const plain = renderDiscord(digestModel({ keyResults: [kr] }));
    expect(plain.embeds[0]!.url).toBeUndefined();
    expect(plain.embeds[0]!.description).toBe(
      '🟢 **Stars [core]** 120 (target ≥ 1,000), +12 this week — On track',
    );
  });

  test('a key result says its status in words and its forecast, as on Slack and the dashboard', () => {
    const kr = digestKeyResult({
      status: 'at_risk',
      forecast: 1_174.4,
      deadline: '2026-12-31',
      probability: 0.05,
    });
    const line =
      '🟡 **Stars** 120 (target ≥ 1,000), +12 this week — At risk · forecast 1,174 by Dec 31, 2026 · 5% likely to make it';
    expect(renderDiscord(digestModel({ keyResults: [kr] })).embeds[0]!.description).toBe(line);
  });

  test('a link’s URL cannot end early: ( ) < > and spaces are percent-encoded', () => {
    expect(discordLink('https://x.test/a (b)<c>', 'text')).toBe(
      '[text](https://x.test/a%20%28b%29%3Cc%3E)',
    );
  });

  test('waiting: the week’s arrivals, then the longest waits, with ages and GitHub links, then the rest on the Waiting page', () => {
    const model = digestModel({
      dashboardUrl: DASHBOARD,
      waitingIssues: {
        total: 40,
        openedInWeek: {
          items: [waitingItem(31, 8, { title: HOSTILE }), waitingItem(32, 1)],
          total: 7,
        },
        longest: [waitingItem(3, 800)],
        url: `${DASHBOARD}/waiting?kind=issue`,
      },
    });
    const issues = field(model, 'Issues waiting');
    expect(issues.name).toBe('Issues waiting for a first response (40; 7 opened this week)');
    expect(issues.value.split('\n')).toEqual([
      '*Opened this week*',
      // A title from GitHub reads as typed: its masked link is escaped, mentions ping nobody.
      '[acme/rocket#31](https://github.com/acme/rocket/issues/31) @everyone <!channel> <@123456> & <script> \\[claim](https://evil.example) · 8 days',
      '[acme/rocket#32](https://github.com/acme/rocket/issues/32) Item 32 · 1 day',
      '*Waiting longest*',
      '[acme/rocket#3](https://github.com/acme/rocket/issues/3) Item 3 · 2 years',
      `…and 37 more on the [Waiting page](${DASHBOARD}/waiting?kind=issue)`,
    ]);
  });

  test('waiting without the dashboard’s address: GitHub links stay; all from this week', () => {
    const model = digestModel({
      waitingPullRequests: {
        total: 2,
        openedInWeek: { items: [waitingItem(9, 0), waitingItem(10, 3)], total: 2 },
        longest: [],
        url: null,
      },
    });
    expect(field(model, 'Pull requests waiting')).toEqual({
      name: 'Pull requests waiting for a first response (2; 2 opened this week)',
      value: [
        '*Opened this week*',
        '[acme/rocket#9](https://github.com/acme/rocket/issues/9) Item 9 · under a day',
        '[acme/rocket#10](https://github.com/acme/rocket/issues/10) Item 10 · 3 days',
      ].join('\n'),
    });
  });

  test('a first merged pull request links to GitHub, its title escaped', () => {
    const model = digestModel({
      firstMerges: [
        {
          repo: 'acme/rocket_app',
          number: 7,
          title: 'Fix *bold*',
          author: 'ann',
          url: 'https://github.com/acme/rocket_app/pull/7',
        },
      ],
    });
    expect(field(model, 'First pull requests merged').value).toBe(
      '[acme/rocket\\_app#7](https://github.com/acme/rocket_app/pull/7) Fix \\*bold\\* by ann',
    );
  });

  test('when links would push key results out of the description, it names them all without links', () => {
    const url = `${DASHBOARD}/${'x'.repeat(150)}`;
    const keyResults = Array.from({ length: 20 }, (_, i) =>
      digestKeyResult({ id: `kr${i}`, label: `Key result ${i}`, url }),
    );
    const text = renderDiscord(digestModel({ dashboardUrl: DASHBOARD, keyResults })).embeds[0]!
      .description!;
    for (let i = 0; i < 20; i++) expect(text).toContain(`**Key result ${i}**`);
    expect(text).not.toContain('](https://');
    expect(text).not.toContain('more');
  });
});

test('the largest digest, links and all, stays within Discord’s limits', () => {
  const url = `${DASHBOARD}/${'p'.repeat(200)}`;
  const keyResults = Array.from({ length: 300 }, (_, k) =>
    digestKeyResult({ id: `k${k}`, label: `KR ${k}`, url }),
  );
  const message = renderDiscord(largestDigestModel(keyResults, url));
  expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
  expect(embedLength(message.embeds)).toBeLessThanOrEqual(DISCORD_LIMITS.total);
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    for (const f of embed.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
  }
});
